using Dashboard.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace Dashboard.ComponentTests.Layout;

/// <summary>Every text colour of both palettes against the background it is drawn on reaches WCAG AA (4.5:1).</summary>
public sealed class ThemeContrastTests
{
    private const double AA = 4.5;

    public static TheoryData<string> Themes => new() { "light", "dark" };

    [Theory]
    [MemberData(nameof(Themes))]
    public void Palette_EveryTextPair_PassesWcagAa(string theme)
    {
        Palette p = theme == "dark" ? DashboardTheme.Theme.PaletteDark : DashboardTheme.Theme.PaletteLight;
        var pairs = new (string Name, MudColor Text, MudColor Background)[]
        {
            ("header text on header (user name, Sign out)", p.AppbarText, p.AppbarBackground),
            ("text on page", p.TextPrimary, p.Background),
            ("text on cards", p.TextPrimary, p.Surface),
            ("secondary text on page", p.TextSecondary, p.Background),
            ("secondary text on cards", p.TextSecondary, p.Surface),
            ("navigation text", p.DrawerText, p.DrawerBackground),
            ("navigation icons", p.DrawerIcon, p.DrawerBackground),
            ("links and primary text on cards", p.Primary, p.Surface),
            ("links on page", p.Primary, p.Background),
            ("error text on cards", p.Error, p.Surface),
            ("success text on cards", p.Success, p.Surface),
            ("warning text on cards", p.Warning, p.Surface),
            ("info text on cards", p.Info, p.Surface),
            ("primary button label", p.PrimaryContrastText, p.Primary),
            ("secondary button label", p.SecondaryContrastText, p.Secondary),
            ("error chip label", p.ErrorContrastText, p.Error),
            ("success chip label", p.SuccessContrastText, p.Success),
            ("warning chip label", p.WarningContrastText, p.Warning),
            ("info chip label", p.InfoContrastText, p.Info),
            ("dark chip label", p.DarkContrastText, p.Dark),
        };

        var failures = pairs.Select(pair => (pair.Name, Ratio: Contrast(pair.Text, pair.Background)))
            .Where(pair => pair.Ratio < AA).Select(pair => $"{pair.Name}: {pair.Ratio:0.00}").ToList();
        Assert.True(failures.Count == 0, $"{theme} theme below {AA}:1 — {string.Join("; ", failures)}");
    }

    [Fact]
    public void Contrast_BlackOnWhite_IsTwentyOne() =>
        Assert.Equal(21, Contrast(new MudColor("#000000"), new MudColor("#ffffff")), 3);

    [Fact]
    public void Palette_Colours_AreOpaque()
    {
        foreach (Palette p in new Palette[] { DashboardTheme.Theme.PaletteLight, DashboardTheme.Theme.PaletteDark })
        {
            Assert.All(new[] { p.TextPrimary, p.TextSecondary, p.AppbarText, p.AppbarBackground, p.Surface, p.Background }, c => Assert.Equal(255, c.A));
        }
    }

    private static double Contrast(MudColor a, MudColor b)
    {
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    private static double Luminance(MudColor c) => (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));

    private static double Channel(byte value)
    {
        var s = value / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }
}
