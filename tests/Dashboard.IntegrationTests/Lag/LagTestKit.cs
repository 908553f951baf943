using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dashboard.IntegrationTests.Lag;

/// <summary>Steps of the consumer lag tests: the lag API, turning a definition off and on, and the lag gauge in /metrics.</summary>
internal static partial class LagTestKit
{
    public static async Task<JsonObject> LagAsync(HttpClient client, long definitionId) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/event-definitions/{definitionId}/consumer-lag"))!;

    /// <summary>The pending count the API reports, or null when it reports no lag.</summary>
    public static async Task<long?> PendingAsync(HttpClient client, long definitionId) =>
        (await LagAsync(client, definitionId))["lag"]?["pending"]?.GetValue<long>();

    /// <summary>Turns a definition off or on (its source stops or starts consuming).</summary>
    public static async Task SetEnabledAsync(HttpClient client, long definitionId, bool enabled)
    {
        var model = (await client.GetFromJsonAsync<JsonObject>($"/api/event-definitions/{definitionId}"))!;
        model["enabled"] = enabled;
        using var response = await client.PutAsJsonAsync($"/api/event-definitions/{definitionId}", model);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of <c>dashboard_consumer_lag</c> for a broker, consumer and kind in a scrape, or null when absent.</summary>
    public static long? Gauge(string metrics, string broker, string consumer, string kind)
    {
        foreach (Match match in LagLine().Matches(metrics))
        {
            var labels = match.Groups["labels"].Value;
            if (labels.Contains($"broker=\"{broker}\"", StringComparison.Ordinal) && labels.Contains($"consumer=\"{consumer}\"", StringComparison.Ordinal)
                && labels.Contains($"kind=\"{kind}\"", StringComparison.Ordinal))
            {
                return (long)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^dashboard_consumer_lag\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex LagLine();
}
