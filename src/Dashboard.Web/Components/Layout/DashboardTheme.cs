using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// The dashboard's light and dark palettes. Every text colour is opaque and chosen against the background it sits on
/// so that each pair passes WCAG AA (4.5:1); a test computes the ratios.
/// </summary>
public static class DashboardTheme
{
    /// <summary>The cookie that keeps the light/dark choice across reloads and sign-ins.</summary>
    public const string CookieName = "dashboard.theme";

    public static readonly string[] FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "Liberation Sans", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            PrimaryContrastText = "#ffffff",
            Secondary = "#57606a",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#8250df",
            TertiaryContrastText = "#ffffff",
            Info = "#0969da",
            InfoContrastText = "#ffffff",
            Success = "#1a7f37",
            SuccessContrastText = "#ffffff",
            Warning = "#8a5a00",
            WarningContrastText = "#ffffff",
            Error = "#cf222e",
            ErrorContrastText = "#ffffff",
            Dark = "#24292f",
            DarkContrastText = "#ffffff",
            Background = "#f6f8fa",
            Surface = "#ffffff",
            TextPrimary = "#1f2328",
            TextSecondary = "#57606a",
            AppbarBackground = "#1e2a78",
            AppbarText = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2328",
            DrawerIcon = "#57606a",
            ActionDefault = "#57606a",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            PrimaryContrastText = "#0d1117",
            Secondary = "#8b949e",
            SecondaryContrastText = "#0d1117",
            Tertiary = "#d2a8ff",
            TertiaryContrastText = "#0d1117",
            Info = "#58a6ff",
            InfoContrastText = "#0d1117",
            Success = "#3fb950",
            SuccessContrastText = "#0d1117",
            Warning = "#d29922",
            WarningContrastText = "#0d1117",
            Error = "#ff7b72",
            ErrorContrastText = "#0d1117",
            Dark = "#30363d",
            DarkContrastText = "#e6edf3",
            Background = "#0d1117",
            Surface = "#161b22",
            TextPrimary = "#e6edf3",
            TextSecondary = "#9da7b3",
            AppbarBackground = "#161b22",
            AppbarText = "#e6edf3",
            DrawerBackground = "#0d1117",
            DrawerText = "#e6edf3",
            DrawerIcon = "#9da7b3",
            ActionDefault = "#9da7b3",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
        },
    };

    /// <summary>Reads the stored choice: "dark" means dark; anything else (or nothing) means light.</summary>
    public static bool IsDark(string? cookie) => string.Equals(cookie, "dark", StringComparison.Ordinal);
}
