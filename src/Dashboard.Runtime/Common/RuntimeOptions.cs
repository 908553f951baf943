using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Common;

/// <summary>
/// Section <c>Runtime</c>: this instance's part in a scale-out. <c>Owner</c> (default) owns the store and the dashboard;
/// <c>Worker</c> ingests HTTP and runs workflows, sending events and run results to the owner over NATS (the NATS module, with <c>Eventing:Mode=Nats</c>).
/// </summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Runtime";
    public const string OwnerRole = "Owner";
    public const string WorkerRole = "Worker";

    /// <summary><c>Owner</c> or <c>Worker</c>.</summary>
    public string Role { get; set; } = OwnerRole;

    /// <summary>On the owner: serve the catalog to workers and store what they forward. Implied for a worker.</summary>
    public bool ScaleOut { get; set; }

    /// <summary>This instance's name in runs (<c>ExecutedBy</c>), heartbeats and logs; default: host name and process id.</summary>
    public string? InstanceName { get; set; }

    /// <summary>On the owner: a worker silent this long is lost, and the runs it left Running are queued again.</summary>
    public int WorkerTimeoutSeconds { get; set; } = 30;

    /// <summary>Shown on a worker's start page: where the owner's dashboard is.</summary>
    public string? OwnerUrl { get; set; }

    public string EffectiveInstanceName => string.IsNullOrWhiteSpace(InstanceName) ? DefaultInstanceName : InstanceName;

    private static readonly string DefaultInstanceName = $"{Environment.MachineName}-{Environment.ProcessId}";

    public bool IsWorker => string.Equals(Role, WorkerRole, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An owner serving workers: it answers their catalog and run requests, stores what they forward and tracks their
    /// heartbeats. The NATS module's validation guarantees Eventing:Mode=Nats for it.
    /// </summary>
    public bool IsScaleOutOwner => ScaleOut && !IsWorker;

    /// <summary>True when this instance takes part in a scale-out (an owner with ScaleOut, or any worker).</summary>
    public bool IsScaleOut => ScaleOut || IsWorker;
}

public sealed class RuntimeOptionsValidator : IValidateOptions<RuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, RuntimeOptions options)
    {
        var errors = new List<string>();
        if (!string.Equals(options.Role, RuntimeOptions.OwnerRole, StringComparison.OrdinalIgnoreCase) && !options.IsWorker)
        {
            errors.Add($"Runtime:Role must be '{RuntimeOptions.OwnerRole}' or '{RuntimeOptions.WorkerRole}', not '{options.Role}'.");
        }

        if (options.WorkerTimeoutSeconds is < 5 or > 3600)
        {
            errors.Add($"Runtime:WorkerTimeoutSeconds must be between 5 and 3600, not {options.WorkerTimeoutSeconds}.");
        }

        if (options.InstanceName is { Length: > 200 })
        {
            errors.Add("Runtime:InstanceName must be at most 200 characters.");
        }

        if (!string.IsNullOrWhiteSpace(options.OwnerUrl) && !Uri.TryCreate(options.OwnerUrl, UriKind.Absolute, out _))
        {
            errors.Add($"Runtime:OwnerUrl must be an absolute URL, not '{options.OwnerUrl}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
