namespace Dashboard.Nats.Internal;

/// <summary>Parses <c>Permissions Violation for Publish to "x"</c> / <c>... Subscription to "x" using queue "q"</c>.</summary>
internal sealed record PermissionError(bool IsPublish, string Subject, string? QueueGroup)
{
    public static PermissionError? TryParse(string message)
    {
        if (!message.StartsWith("Permissions Violation", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = message.Split('"');
        if (parts.Length < 3)
        {
            return null;
        }

        var isPublish = message.Contains("for Publish", StringComparison.OrdinalIgnoreCase);
        var queue = parts.Length >= 5 ? parts[3] : null;
        return new PermissionError(isPublish, parts[1], queue);
    }
}
