using System.Globalization;
using Dashboard.Web.Features.Activity;

namespace Dashboard.Web.Features.Audit;

/// <summary>CSV for audit exports: RFC 4180 quoting, and cells a spreadsheet would read as formulas neutralised.</summary>
public static class AuditExport
{
    public const string Header = "id,at,actor,action,target,details";

    public static string CsvLine(AuditEntryView entry) => string.Join(',',
        entry.Id.ToString(CultureInfo.InvariantCulture),
        entry.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ActivityExport.Cell(entry.Actor),
        ActivityExport.Cell(entry.Action),
        ActivityExport.Cell(entry.Target),
        ActivityExport.Cell(entry.Details));
}
