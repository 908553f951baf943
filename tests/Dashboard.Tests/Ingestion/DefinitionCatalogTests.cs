using Dashboard.Data.Entities;
using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Ingestion;
using Dashboard.Tests.Workflows;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Ingestion;

public sealed class DefinitionCatalogTests
{
    private readonly FakeCatalogSource _source = new();
    private readonly DefinitionChangeNotifier _changes = new();
    private readonly ManualClock _clock = new(WorkflowTestData.Start);

    private DefinitionCatalog NewCatalog() => new(_source, _changes, _clock, NullLogger<DefinitionCatalog>.Instance);

    [Fact]
    public async Task GetAsync_StaleAndSourceUnavailable_ServesLastCatalogWithoutAskingAgainUntilTheRetryInterval()
    {
        var catalog = NewCatalog();
        _source.Routes = ["first"];
        Assert.NotNull((await catalog.GetAsync(CancellationToken.None)).ByRoute("first"));

        _source.Unavailable = true;
        _changes.NotifyChanged();
        var served = await catalog.GetAsync(CancellationToken.None);
        var again = await catalog.GetAsync(CancellationToken.None);

        Assert.NotNull(served.ByRoute("first"));
        Assert.Same(served, again);
        Assert.Equal(2, _source.Loads);
    }

    [Fact]
    public async Task GetAsync_SourceBackAfterRetryInterval_LoadsTheNewCatalog()
    {
        var catalog = NewCatalog();
        _source.Routes = ["first"];
        await catalog.GetAsync(CancellationToken.None);
        _source.Unavailable = true;
        _changes.NotifyChanged();
        await catalog.GetAsync(CancellationToken.None);

        _source.Unavailable = false;
        _source.Routes = ["first", "second"];
        var beforeInterval = await catalog.GetAsync(CancellationToken.None);
        _clock.Now += CatalogRetry.Interval;
        var afterInterval = await catalog.GetAsync(CancellationToken.None);

        Assert.Null(beforeInterval.ByRoute("second"));
        Assert.NotNull(afterInterval.ByRoute("second"));
        Assert.Equal(3, _source.Loads);
    }

    [Fact]
    public async Task GetAsync_NeverLoadedAndSourceUnavailable_Throws()
    {
        _source.Unavailable = true;

        await Assert.ThrowsAsync<EventStoreUnavailableException>(() => NewCatalog().GetAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task GetAsync_StaleAndSourceFailsOtherwise_Throws()
    {
        var catalog = NewCatalog();
        _source.Routes = ["first"];
        await catalog.GetAsync(CancellationToken.None);
        _source.Failure = new InvalidOperationException("a bug, not an outage");
        _changes.NotifyChanged();

        await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.GetAsync(CancellationToken.None).AsTask());
    }

    private sealed class FakeCatalogSource : ICatalogSource
    {
        public string[] Routes { get; set; } = [];
        public bool Unavailable { get; set; }
        public Exception? Failure { get; set; }
        public int Loads { get; private set; }

        public Task<IReadOnlyList<CatalogDefinition>> LoadDefinitionsAsync(CancellationToken cancellationToken)
        {
            Loads++;
            if (Failure is not null)
            {
                throw Failure;
            }

            if (Unavailable)
            {
                throw new EventStoreUnavailableException("the owner's catalog is unavailable: no responders");
            }

            IReadOnlyList<CatalogDefinition> definitions = [.. Routes.Select((route, i) => new CatalogDefinition(
                i + 1, route, EventSourceKind.Http, route, "POST", null, EventAuthMode.Public, null, null, true, []))];
            return Task.FromResult(definitions);
        }

        public Task<IReadOnlyList<ApiToken>> LoadTokensAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ApiToken>>([]);
    }
}
