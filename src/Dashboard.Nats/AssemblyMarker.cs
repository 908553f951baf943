namespace Dashboard.Nats;
internal static class AssemblyMarker { }
