namespace Dashboard.Nats.Tests.Infrastructure;

/// <summary>Finds the <c>nats-server</c> executable on PATH.</summary>
internal static class NatsServerBinary
{
    private static readonly Lazy<string> Found = new(Locate);

    public static string Path => Found.Value;

    private static string Locate()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator);
        foreach (var directory in directories.Append("/usr/sbin").Append("/usr/bin"))
        {
            var candidate = System.IO.Path.Combine(directory, "nats-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "nats-server is not installed. Run: apt-get update && apt-get install -y nats-server");
    }
}
