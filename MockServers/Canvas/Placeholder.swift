public enum MockCanvasPlaceholder {}
