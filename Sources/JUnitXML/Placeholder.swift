public enum JUnitXMLPlaceholder {}
