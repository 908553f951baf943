namespace Dashboard.CloudEvents;
internal static class AssemblyMarker { }
