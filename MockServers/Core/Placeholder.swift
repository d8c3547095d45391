public enum MockServerCorePlaceholder {}
