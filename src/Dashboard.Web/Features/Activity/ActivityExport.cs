using System.Globalization;
using System.Text;

namespace Dashboard.Web.Features.Activity;

/// <summary>CSV for activity exports (RFC 4180 quoting), safe to open in a spreadsheet.</summary>
public static class ActivityExport
{
    public static readonly string[] Columns =
        ["id", "at", "workflowId", "workflow", "kind", "message", "actor", "eventSeq", "runId", "remoteAddress", "tokenId", "tokenName", "reason", "status"];

    public static string Header => string.Join(',', Columns);

    public static string CsvLine(ActivityRowView row)
    {
        var culture = CultureInfo.InvariantCulture;
        string?[] cells =
        [
            row.Id.ToString(culture), row.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", culture), row.WorkflowId?.ToString(culture), row.WorkflowName,
            row.Kind, row.Message, row.Actor, row.EventSeq?.ToString(culture), row.RunId?.ToString(culture), row.RemoteAddress,
            row.TokenId?.ToString(culture), row.TokenName, row.Reason, row.Status?.ToString(culture),
        ];
        return string.Join(',', cells.Select(Cell));
    }

    /// <summary>
    /// One CSV cell. Text a spreadsheet would read as a formula (starting with = + - @, tab or carriage return) gets a
    /// leading single quote; anything with a comma, quote or line break is quoted with doubled quotes.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        quoted.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return quoted.Append('"').ToString();
    }
}
