using System.Diagnostics;
using System.Net;
using Dashboard.Testing;
using OpenTelemetry.Trace;

namespace Dashboard.IntegrationTests.Telemetry;

public sealed class TraceTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Setup:AdminUser"] = DashboardHost.AdminUser,
        ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
        ["Telemetry:Tracing"] = "true",
    };

    [Fact]
    public async Task PostEvent_TracingOn_OneTraceSpansRequestCommitRunAndEachStep()
    {
        var exported = new ExportedSpans();
        await using var host = await DashboardHost.StartAsync(Settings, services => services.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(exported)));
        await RoutedWorkflow.CreateAsync(host, "traced", "traced-flow");
        using var client = host.CreateClient();
        // The spans of every host in this test process reach every in-memory exporter, so this request carries its own
        // trace id (W3C traceparent header) to find its server span among them.
        var trace = ActivityTraceId.CreateRandom();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/hooks/traced") { Content = RoutedWorkflow.Event("t-1") };
        message.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var posted = await client.SendAsync(message);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var request = await WaitForAsync(exported, a => a.Kind == ActivityKind.Server && a.TraceId == trace && a.DisplayName.Contains("/hooks/", StringComparison.Ordinal));
        var ingest = await WaitForAsync(exported, a => a.TraceId == trace && a.OperationName == "ingest");
        var commit = await WaitForAsync(exported, a => a.TraceId == trace && a.OperationName == "store.commit");
        var run = await WaitForAsync(exported, a => a.TraceId == trace && a.OperationName == "run traced-flow");
        var steps = new List<Activity>();
        foreach (var name in new[] { "first", "second", "third" })
        {
            steps.Add(await WaitForAsync(exported, a => a.TraceId == trace && a.OperationName == $"step {name}"));
        }

        Assert.Equal(request.SpanId, ingest.ParentSpanId);
        Assert.Equal(ingest.SpanId, commit.ParentSpanId);
        Assert.Equal(ingest.SpanId, run.ParentSpanId);
        Assert.All(steps, step => Assert.Equal(run.SpanId, step.ParentSpanId));
        Assert.All(steps, step => Assert.Equal("succeeded", step.GetTagItem("dashboard.step.result")));
    }

    [Fact]
    public async Task PostEvent_WithTraceparentExtension_RunJoinsTheProducersTrace()
    {
        var exported = new ExportedSpans();
        await using var host = await DashboardHost.StartAsync(Settings, services => services.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(exported)));
        await RoutedWorkflow.CreateAsync(host, "produced", "produced-flow");
        var producer = ActivityTraceId.CreateRandom();
        var producerSpan = ActivitySpanId.CreateRandom();
        using var client = host.CreateClient();
        using var posted = await client.PostAsync("/hooks/produced", RoutedWorkflow.Event("p-1", $"00-{producer}-{producerSpan}-01"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var run = await WaitForAsync(exported, a => a.OperationName == "run produced-flow" && a.TraceId == producer);
        Assert.Equal(producerSpan, run.ParentSpanId);
        await WaitForAsync(exported, a => a.TraceId == producer && a.OperationName == "step third" && a.ParentSpanId == run.SpanId);
    }

    private static async Task<Activity> WaitForAsync(ExportedSpans exported, Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var found = exported.Snapshot().FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No matching span among: {Describe(exported)}");
            await Task.Delay(100);
        }
    }

    private static string Describe(ExportedSpans exported)
    {
        return string.Join(", ", exported.Snapshot().Select(a => $"{a.OperationName}/{a.DisplayName} {a.TraceId}:{a.SpanId}<-{a.ParentSpanId}"));
    }

    /// <summary>The in-memory exporter's list, safe to read while the exporter adds to it.</summary>
    private sealed class ExportedSpans : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly Lock _gate = new();

        public Activity[] Snapshot()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
