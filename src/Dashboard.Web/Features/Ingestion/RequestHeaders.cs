namespace Dashboard.Web.Features.Ingestion;

/// <summary>The headers ingestion reads: CloudEvents <c>ce-*</c>, Standard Webhooks <c>webhook-*</c>, Authorization.</summary>
internal static class RequestHeaders
{
    public static IReadOnlyList<KeyValuePair<string, string>> Relevant(IHeaderDictionary headers)
    {
        var result = new List<KeyValuePair<string, string>>(12);
        foreach (var (name, values) in headers)
        {
            if (name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || name.Equals("WebHook-Request-Origin", StringComparison.OrdinalIgnoreCase))
            {
                // A repeated ce- header stays one entry per value, so the binding can reject the repeat.
                if (name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase) && values.Count > 1)
                {
                    foreach (var value in values)
                    {
                        result.Add(new(name.ToLowerInvariant(), value ?? ""));
                    }

                    continue;
                }

                result.Add(new(name.ToLowerInvariant(), values.ToString()));
            }
        }

        return result;
    }
}
