using Dashboard.Data.Entities;
using Dashboard.IntegrationTests.Ingestion;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.WebSockets;

/// <summary>
/// One app with WebSocket definitions: "orders" (token, the order schema), "signed" (HMAC) and "paused" (disabled),
/// each bound to a workflow, and a small frame limit (<c>Ingestion:MaxBodyBytes</c> 4096).
/// </summary>
public sealed class WebSocketFixture : IAsyncLifetime
{
    public const int MaxFrameBytes = 4096;
    private static readonly Actor Tester = new("tester");

    public DashboardHost Host { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public long OrdersWorkflowId { get; private set; }

    public async Task InitializeAsync()
    {
        Host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Ingestion:MaxBodyBytes"] = MaxFrameBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        OrdersWorkflowId = await AddAsync(Host, "ws-order-flow", new EventDefinitionModel
        {
            Key = "orders.stream", SourceKind = EventSourceKind.WebSocket, HttpRoute = "orders", DataSchema = IngestionFixture.OrderSchema,
            AuthMode = EventAuthMode.Token,
        });
        await AddAsync(Host, "ws-signed-flow", new EventDefinitionModel
        {
            Key = "signed.stream", SourceKind = EventSourceKind.WebSocket, HttpRoute = "signed", AuthMode = EventAuthMode.Hmac,
            NewHmacSecret = IngestionFixture.HmacSecret,
        });
        await AddAsync(Host, "ws-paused-flow", new EventDefinitionModel
        {
            Key = "paused.stream", SourceKind = EventSourceKind.WebSocket, HttpRoute = "paused", AuthMode = EventAuthMode.Public, Enabled = false,
        });
        var (created, errors) = await Host.Services.GetRequiredService<ApiTokenService>()
            .CreateAsync(new ApiTokenService.TokenRequest("ws", ApiTokenRole.Ingest, TokenScopeKind.All, null, null), Tester, default);
        Assert.True(created is not null, string.Join("; ", errors));
        Token = created!.Secret;
    }

    /// <summary>Saves a workflow of one log step and the definition bound to it; returns the workflow's id.</summary>
    public static async Task<long> AddAsync(DashboardHost host, string workflow, EventDefinitionModel definition)
    {
        var saved = await host.Services.GetRequiredService<WorkflowDefinitionService>()
            .SaveAsync(new WorkflowDefinitionModel { Name = workflow, Steps = [WorkflowDefinitionModel.NewStep("note", "log")] }, Tester, default);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        definition.WorkflowNames = [workflow];
        var event_ = await host.Services.GetRequiredService<EventDefinitionService>().SaveAsync(definition, Tester, default);
        Assert.True(event_.Succeeded, string.Join("; ", event_.Errors));
        return saved.Id!.Value;
    }

    public Task<EventSocket> ConnectAsync(string route = "orders") => EventSocket.ConnectAsync(Host.BaseAddress, route, Token);

    public long Scalar(string sql, params (string Name, object Value)[] parameters) => Count(Host, sql, parameters);

    public static long Count(DashboardHost host, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar());
    }

    public long StoredEvents(string id) => Scalar("SELECT COUNT(*) FROM events WHERE Id = $id", ("$id", id));

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}
