using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Dashboard.Benchmarks.Live;

/// <summary>
/// Reads the app's <c>dashboard_live_viewers</c> gauge (live feed subscribers: pages and hub connections) from
/// <c>/metrics</c>, so a window without viewers starts only once the previous window's viewers are gone.
/// </summary>
public sealed partial class LiveViewerGauge(Uri baseUrl, string token) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseUrl };

    [GeneratedRegex(@"^dashboard_live_viewers(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Gauge();

    /// <summary>The current subscriber count, or null when <c>/metrics</c> does not answer with it.</summary>
    public async Task<int?> ReadAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var match = Gauge().Match(await response.Content.ReadAsStringAsync(cancellationToken));
        return match.Success ? (int)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Waits until at most <paramref name="count"/> subscribers are left; false on timeout or without the gauge.</summary>
    public async Task<bool> WaitForAtMostAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + timeout;
        while (await ReadAsync(cancellationToken) is { } now)
        {
            if (now <= count)
            {
                return true;
            }

            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }

    public void Dispose() => _client.Dispose();
}
