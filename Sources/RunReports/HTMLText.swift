/// Building blocks of the HTML report: escaping, and the page's own style and script (both inline:
/// the page loads nothing).
enum HTMLText {
    /// `text` safe as element content or a quoted attribute value.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A fragment id made of letters, digits and `-` from `text`.
    static func anchor(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// The page's style: readable on a phone (one column, tables scroll sideways), results coloured
    /// and also named, so colour is never the only signal.
    static let style = """
        :root{color-scheme:light dark;--pass:#1a7f37;--fail:#cf222e;--error:#9a6700;--skip:#6e7781;--bg2:rgba(127,127,127,.12)}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:72rem;padding:1rem}
        h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid var(--bg2)}
        table{border-collapse:collapse;width:100%}td,th{padding:.25rem .4rem;vertical-align:top;text-align:left;border-bottom:1px solid var(--bg2)}
        .scroll{overflow-x:auto}tr.fail td:first-child{border-left:3px solid var(--fail)}nav{margin:.5rem 0}pre,code{font:13px/1.35 ui-monospace,Menlo,Consolas,monospace}
        pre{background:var(--bg2);padding:.5rem;overflow-x:auto;white-space:pre}
        .chip{display:inline-block;margin:1px 2px;padding:0 .35rem;border-radius:.6rem;font-size:12px;border:1px solid currentColor;white-space:nowrap}
        .pass{color:var(--pass)}.fail{color:var(--fail)}.error{color:var(--error)}.skip{color:var(--skip)}
        .totals span{margin-right:1rem;font-weight:600}.meta td:first-child{white-space:nowrap;color:var(--skip)}
        .group{border:1px solid var(--bg2);border-radius:.4rem;padding:.5rem .75rem;margin:.75rem 0}
        .cmd{display:flex;gap:.5rem;align-items:flex-start}.cmd code{flex:1;overflow-wrap:anywhere;background:var(--bg2);padding:.2rem .4rem}
        button{font:inherit;font-size:12px}details>summary{cursor:pointer}
        .timeline td{font:12px ui-monospace,Menlo,monospace;white-space:pre-wrap;overflow-wrap:anywhere;min-width:10rem}.clause-text{display:block;font-size:13px;color:var(--skip)}
        """

    /// Copy buttons; without JavaScript the commands stay selectable text.
    static let script = """
        document.querySelectorAll('button[data-copy]').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){
        var t=b.getAttribute('data-copy');if(navigator.clipboard){navigator.clipboard.writeText(t).then(function(){b.textContent='Copied'},function(){})}})});
        """

    /// A command with a copy button (hidden until the script shows it).
    static func command(_ text: String) -> String {
        "<div class=\"cmd\"><code>\(escape(text))</code><button type=\"button\" data-copy=\"\(escape(text))\" hidden>Copy</button></div>"
    }
}
