namespace Dashboard.Data;
internal static class AssemblyMarker { }
