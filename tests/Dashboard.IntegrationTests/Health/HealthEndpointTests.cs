using System.Net;
using System.Text.Json;
using Dashboard.Runtime.Health;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task GetLive_RunningHost_AnswersHealthyWithoutSignIn()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = host.CreateClient();
        foreach (var path in new[] { "/healthz/live", "/healthz" })
        {
            var (status, body) = await GetAsync(client, path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Healthy", body.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task GetReady_FreshHost_EveryCheckHealthy()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = host.CreateClient();
        var (status, body) = await GetAsync(client, "/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        var entries = body.GetProperty("entries");
        foreach (var name in new[] { "store-writer", "disk-space", "migrations", "brokers" })
        {
            Assert.Equal("Healthy", entries.GetProperty(name).GetProperty("status").GetString());
        }

        Assert.True(entries.GetProperty("disk-space").GetProperty("data").GetProperty("freeBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task GetReady_FreeDiskBelowThreshold_Answers503SayingWhy()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Health:MinimumFreeDiskBytes"] = (long.MaxValue / 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = host.CreateClient();
        var (status, body) = await GetAsync(client, "/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var disk = body.GetProperty("entries").GetProperty("disk-space");
        Assert.Equal("Unhealthy", disk.GetProperty("status").GetString());
        Assert.Contains("free in the data folder", disk.GetProperty("description").GetString());
        Assert.Equal("Healthy", body.GetProperty("entries").GetProperty("store-writer").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetReady_MigrationNotRecorded_Answers503NamingIt()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using (var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM schema_migrations WHERE Version = (SELECT MAX(Version) FROM schema_migrations);";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        using var client = host.CreateClient();
        var (status, body) = await GetAsync(client, "/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var migrations = body.GetProperty("entries").GetProperty("migrations");
        Assert.Equal("Unhealthy", migrations.GetProperty("status").GetString());
        Assert.Contains(Dashboard.Data.Migrations.SchemaMigrator.All[^1].Name, migrations.GetProperty("description").GetString());
    }

    [Fact]
    public async Task GetReady_ConfiguredBrokerDisconnected_Answers503UntilItReconnects()
    {
        var broker = new SwitchableBroker();
        await using var host = await DashboardHost.StartAsync(
            new Dictionary<string, string> { ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword },
            services => services.AddSingleton<IBrokerReadiness>(broker));
        using var client = host.CreateClient();

        var (status, body) = await GetAsync(client, "/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("connected", body.GetProperty("entries").GetProperty("brokers").GetProperty("data").GetProperty("test-broker").GetString());

        broker.Connected = false;
        (status, body) = await GetAsync(client, "/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("test-broker: connection refused", body.GetProperty("entries").GetProperty("brokers").GetProperty("description").GetString());

        broker.Connected = true;
        (status, _) = await GetAsync(client, "/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var json = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return (response.StatusCode, JsonDocument.Parse(json).RootElement.Clone());
    }

    /// <summary>A broker connection the test turns on and off (the NATS and RabbitMQ modules implement the same port).</summary>
    private sealed class SwitchableBroker : IBrokerReadiness
    {
        public volatile bool Connected = true;

        public string Name => "test-broker";

        public ValueTask<BrokerState> CheckAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(Connected ? new BrokerState(true, "connected") : new BrokerState(false, "connection refused"));
    }
}
