using System.Net.Http.Headers;
using System.Text;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>
/// One running app with definitions covering each auth mode: "orders" (token, JSON Schema), "signed" (HMAC),
/// "open" (public), "paused" (disabled), each bound to its own workflow so rejections show up as activity.
/// </summary>
public sealed class IngestionFixture : IAsyncLifetime
{
    public const string HmacSecret = "signing-secret-0123456789";
    public const string OrderSchema = """
        {"type":"object","required":["orderId"],"properties":{"orderId":{"type":"string"},"qty":{"type":"integer","minimum":1}}}
        """;

    private static readonly Actor Tester = new("tester");

    public DashboardHost Host { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public long OrdersDefinitionId { get; private set; }
    public long OrdersWorkflowId { get; private set; }

    public async Task InitializeAsync()
    {
        Host = await DashboardHost.StartWithAdminAsync();
        var workflows = Host.Services.GetRequiredService<WorkflowDefinitionService>();
        var events = Host.Services.GetRequiredService<EventDefinitionService>();
        foreach (var name in new[] { "order-flow", "signed-flow", "open-flow", "paused-flow" })
        {
            var model = new WorkflowDefinitionModel { Name = name, Steps = [WorkflowDefinitionModel.NewStep("note", "log")] };
            var saved = await workflows.SaveAsync(model, Tester, default);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
            if (name == "order-flow")
            {
                OrdersWorkflowId = saved.Id!.Value;
            }
        }

        OrdersDefinitionId = await SaveAsync(events, new EventDefinitionModel
        {
            Key = "orders.created", HttpRoute = "orders", TypeFilter = "com.example.order.created", DataSchema = OrderSchema,
            AuthMode = EventAuthMode.Token, WorkflowNames = ["order-flow"],
        });
        await SaveAsync(events, new EventDefinitionModel
        {
            Key = "signed.hook", HttpRoute = "signed", AuthMode = EventAuthMode.Hmac, NewHmacSecret = HmacSecret, WorkflowNames = ["signed-flow"],
        });
        await SaveAsync(events, new EventDefinitionModel
        {
            Key = "open.hook", HttpRoute = "open", TypeFilter = "com.example.open", AuthMode = EventAuthMode.Public, WorkflowNames = ["open-flow"],
        });
        await SaveAsync(events, new EventDefinitionModel
        {
            Key = "paused.hook", HttpRoute = "paused", AuthMode = EventAuthMode.Public, Enabled = false, WorkflowNames = ["paused-flow"],
        });
        Token = await CreateTokenAsync("ingest", ApiTokenRole.Ingest, TokenScopeKind.All, null, null);
    }

    public async Task<string> CreateTokenAsync(string name, ApiTokenRole role, TokenScopeKind scope, long? target, DateTimeOffset? expires)
    {
        var tokens = Host.Services.GetRequiredService<ApiTokenService>();
        var (created, errors) = await tokens.CreateAsync(new ApiTokenService.TokenRequest(name, role, scope, target, expires), Tester, default);
        Assert.True(created is not null, string.Join("; ", errors));
        return created!.Secret;
    }

    private static async Task<long> SaveAsync(EventDefinitionService events, EventDefinitionModel model)
    {
        var saved = await events.SaveAsync(model, Tester, default);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        return saved.Id!.Value;
    }

    public HttpClient Client(string? token = null)
    {
        var client = Host.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static StringContent Structured(string json) => new(json, Encoding.UTF8, "application/cloudevents+json");

    public static StringContent Batch(string json) => new(json, Encoding.UTF8, "application/cloudevents-batch+json");

    public static string Order(string id, string data = """{"orderId":"A-1","qty":2}""", string type = "com.example.order.created") =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"/shop","type":"{{type}}","datacontenttype":"application/json","data":{{data}}}""";

    public long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={Host.DatabasePath};Mode=ReadOnly;Pooling=False");
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
