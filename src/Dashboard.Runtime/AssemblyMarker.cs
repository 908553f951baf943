namespace Dashboard.Runtime;
internal static class AssemblyMarker { }
