namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// One benchmark scenario. Add a scenario by adding a class and listing it in <see cref="ScenarioCatalog"/>.
/// The runner calls <see cref="Unavailable"/> once, then <see cref="RunOnceAsync"/> once per run, and reports
/// median and min–max of every metric in <see cref="Metrics"/>.
/// </summary>
public interface IScenario
{
    string Name { get; }

    IReadOnlyList<MetricSpec> Metrics { get; }

    /// <summary>Runs per scenario; null for the configured count (a cumulative scenario may run once).</summary>
    int? Runs => null;

    /// <summary>Why the scenario cannot run yet (a feature of the app is missing), or null.</summary>
    Task<string?> Unavailable(BenchContext context, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A reported figure. <paramref name="Met"/> decides the target (null: no target); <paramref name="Baseline"/>
/// names another metric (<c>scenario/metric</c>) this one is divided by for the ratio column.
/// </summary>
public sealed record MetricSpec(string Key, string Unit, string Target = "", Func<double, bool>? Met = null, string? Baseline = null, string Format = "N0");

/// <summary>One run's figures, with the CPU share (% of the machine) of the generator and of the app.</summary>
public sealed record ScenarioRun(IReadOnlyDictionary<string, double> Values, double GeneratorCpu, double? AppCpu, string? Note = null);
