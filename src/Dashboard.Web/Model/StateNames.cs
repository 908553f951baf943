using System.Text;

namespace Dashboard.Web.Model;

/// <summary>How a state reads at a glance: good, bad, a warning, in progress, or neutral.</summary>
public enum StateTone
{
    Neutral,
    Good,
    Bad,
    Warn,
    Active,
}

/// <summary>
/// Friendly names for the runtime's internal state words (ledger outcomes, activity kinds, run states, audit scopes):
/// "RejectedAuth" and "rejected-auth" both read "Rejected: bad credentials", "DeadLettered" reads "Dead-lettered".
/// </summary>
public static class StateNames
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Accepted"] = "Accepted",
        ["Duplicate"] = "Duplicate",
        ["RejectedAuth"] = "Rejected: bad credentials",
        ["rejected-auth"] = "Rejected: bad credentials",
        ["RejectedInvalid"] = "Rejected: invalid",
        ["rejected-invalid"] = "Rejected: invalid",
        ["rejected-disabled"] = "Rejected: disabled",
        ["Unmatched"] = "No matching definition",
        ["Disabled"] = "Definition disabled",
        ["TooLarge"] = "Too large",
        ["UnsupportedMediaType"] = "Unsupported content type",
        ["Overloaded"] = "Overloaded",
        ["DeadLettered"] = "Dead-lettered",
        ["run-dead-lettered"] = "Run dead-lettered",
        ["run-cancel-requested"] = "Run cancel requested",
        ["EventDefinition"] = "Event definition",
        ["WorkflowDefinition"] = "Workflow",
    };

    /// <summary>The friendly name of an internal state word; unknown words are split into lower-case words.</summary>
    public static string Display(string? state)
    {
        if (string.IsNullOrEmpty(state))
        {
            return "";
        }

        if (Known.TryGetValue(state, out var name))
        {
            return name;
        }

        var words = new StringBuilder(state.Length + 4);
        for (var i = 0; i < state.Length; i++)
        {
            var c = state[i];
            if (c is '-' or '_')
            {
                words.Append(' ');
            }
            else if (char.IsUpper(c) && i > 0 && state[i - 1] is not ('-' or '_' or ' '))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(i == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return words.ToString();
    }

    public static StateTone Tone(string? state)
    {
        var s = state ?? "";
        if (s is "Accepted" or "Succeeded" or "run-succeeded" or "step-result")
        {
            return StateTone.Good;
        }

        if (s.Contains("fail", StringComparison.OrdinalIgnoreCase) || s.Contains("dead", StringComparison.OrdinalIgnoreCase)
            || s is "RejectedAuth" or "rejected-auth")
        {
            return StateTone.Bad;
        }

        if (s.StartsWith("Rejected", StringComparison.OrdinalIgnoreCase) || s is "Unmatched" or "Disabled" or "TooLarge" or "UnsupportedMediaType"
            or "Overloaded" or "step-retry")
        {
            return StateTone.Warn;
        }

        return s is "Queued" or "Running" or "run-started" or "run-resumed" or "run-replayed" or "Duplicate" ? StateTone.Active : StateTone.Neutral;
    }
}
