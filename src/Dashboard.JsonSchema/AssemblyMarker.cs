namespace Dashboard.JsonSchema;
internal static class AssemblyMarker { }
