namespace Dashboard.Web.Model;

/// <summary>How a short notification reads: information, success, a warning or an error.</summary>
public enum NoticeLevel
{
    Info,
    Success,
    Warning,
    Error,
}
