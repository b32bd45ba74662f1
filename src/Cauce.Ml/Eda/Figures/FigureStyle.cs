using ScottPlot;

namespace Cauce.Ml.Eda.Figures;

/// <summary>
/// The look every EDA figure shares: 800×500 pixels (taller when there are many bars), a sans-serif font found on
/// the machine, readable sizes, labels cut to a length that fits, and one palette. Rendering uses no clock and no
/// randomness, so the same data gives the same PNG bytes.
/// </summary>
internal static class FigureStyle
{
    public const int Width = 800;
    public const int Height = 500;

    /// <summary>Labels longer than this are cut with an ellipsis.</summary>
    public const int LabelLength = 34;

    public static readonly Color Primary = Color.FromHex("#1f77b4");
    public static readonly Color Secondary = Color.FromHex("#ff7f0e");
    public static readonly Color Tertiary = Color.FromHex("#d62728");
    public static readonly Color Muted = Color.FromHex("#9e9e9e");
    public static readonly Color Reference = Color.FromHex("#333333");

    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
    ];

    /// <summary>The first sans-serif family installed here, or ScottPlot's choice when none of these is.</summary>
    private static readonly string? FontName =
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "FreeSans" }.FirstOrDefault(IsInstalled);

    private static bool IsInstalled(string family) =>
        string.Equals(Fonts.GetTypeface(family, bold: false, italic: false)?.FamilyName, family, StringComparison.OrdinalIgnoreCase);

    public static Color Series(int index) => Palette[index % Palette.Length];

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (FontName is not null)
            plot.Font.Set(FontName);
        plot.Title(title, 17);
        plot.Axes.Title.Label.Bold = true;
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#e6e6e6");
        return plot;
    }

    public static byte[] Png(Plot plot, int width, int height) => plot.GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>A label cut to <see cref="LabelLength"/> characters, spaces at the ends shown as '·' so " Fibra" reads as dirty.</summary>
    public static string Label(string text, int length = LabelLength)
    {
        var shown = text.Length > 0 && (text[0] == ' ' || text[^1] == ' ') ? "\"" + text + "\"" : text;
        return shown.Length <= length ? shown : shown[..(length - 1)] + "…";
    }

    /// <summary>A count or share written just past the end of a horizontal bar, on white so lines behind it do not cross it.</summary>
    public static void BarLabel(Plot plot, string text, double x, double y)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontSize = 12;
        label.LabelAlignment = Alignment.MiddleLeft;
        label.OffsetX = 4;
        label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        if (FontName is not null)
            label.LabelFontName = FontName;
    }

    /// <summary>The legend under the plot, where it can cover no bar or label.</summary>
    public static void LegendBelow(Plot plot) => plot.ShowLegend(Edge.Bottom);

    /// <summary>A note in the upper corner of the data area, on a white box so bars behind it stay readable.</summary>
    public static void Note(Plot plot, string text, Alignment alignment = Alignment.UpperRight)
    {
        var note = plot.Add.Annotation(text, alignment);
        note.LabelFontSize = 12;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        note.LabelBorderColor = Color.FromHex("#cccccc");
        note.LabelShadowColor = Colors.Transparent;
        if (FontName is not null)
            note.LabelFontName = FontName;
    }
}
