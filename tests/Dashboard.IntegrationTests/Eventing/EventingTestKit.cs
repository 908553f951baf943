using System.Net.Http.Json;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>Shared steps of the eventing tests: starting a host in a mode, waiting for conditions, reading the store and the stream.</summary>
internal static class EventingTestKit
{
    public const string Token = "eventing-test-token";

    /// <summary>Starts an instance with the Admin and its API token seeded; <paramref name="existingDataPath"/> restarts one on its data folder.</summary>
    public static Task<DashboardHost> StartHostAsync(IReadOnlyDictionary<string, string> eventing, string? existingDataPath = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser,
            ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Setup:AdminApiToken"] = Token,
            ["Workflows:PollIntervalSeconds"] = "0.2",
        };
        foreach (var (key, value) in eventing)
        {
            settings[key] = value;
        }

        return DashboardHost.StartAsync(settings, existingDataPath: existingDataPath);
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);

    public static Task<EventingStatus> StatusAsync(DashboardHost host) =>
        host.Services.GetRequiredService<IEventingView>().ReadAsync(CancellationToken.None);

    public static Task UntilDispatchAsync(DashboardHost host, DispatchMode mode, TimeSpan? timeout = null) =>
        UntilAsync(async () => (await StatusAsync(host)).Dispatch == mode, $"dispatch {mode}", timeout);

    public static long Count(DashboardHost host, string sql)
    {
        using var connection = SqliteFile.Open(host.DatabasePath);
        return long.Parse(SqliteFile.Scalar(connection, sql) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<StreamInfo> StreamAsync(string url, string stream = "DASHBOARD_EVENTS")
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        return (await new NatsJSContext(connection).GetStreamAsync(stream)).Info;
    }

    public static async Task<ConsumerInfo> ConsumerAsync(string url, string stream = "DASHBOARD_EVENTS", string consumer = "dashboard-workers")
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        return (await new NatsJSContext(connection).GetConsumerAsync(stream, consumer)).Info;
    }

    /// <summary>Creates a NATS-source event definition bound to <paramref name="workflowName"/>.</summary>
    public static async Task CreateNatsDefinitionAsync(
        HttpClient client, string key, string subject, bool wrap, string workflowName, string? typeFilter = null, string? stream = null)
    {
        using var response = await client.PostAsJsonAsync("/api/event-definitions", new
        {
            key, sourceKind = "Nats", natsSubject = subject, natsWrapNonCloudEvents = wrap, typeFilter, natsStream = stream, authMode = "Public",
            workflowNames = new[] { workflowName },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
