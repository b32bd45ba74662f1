using System.Text.Json.Serialization;

namespace Cauce.Ml.Eda.Figures;

/// <summary>What a figure shows.</summary>
public enum FigureKind
{
    /// <summary>A numeric or date column's histogram, or an integer column's counts per value.</summary>
    Distribution,

    /// <summary>A category or boolean column's counts per label.</summary>
    Categories,

    /// <summary>Missing values per column.</summary>
    Missing,

    /// <summary>The correlation heatmap.</summary>
    Correlation,

    /// <summary>The target against one feature.</summary>
    TargetVersus,
}

/// <summary>One PNG figure: its conventional file name, what it shows, and its bytes.</summary>
public sealed record EdaFigure(FigureKind Kind, string? Column, string FileName, string Title, string Caption)
{
    /// <summary>The PNG image.</summary>
    [JsonIgnore]
    public byte[] Png { get; init; } = [];

    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>The figure as any report shows it.</summary>
    public Cauce.Ml.Reporting.ReportFigure AsReportFigure() => new(FileName, Title, Caption) { Png = Png, Width = Width, Height = Height };

    /// <summary>Where it lies relative to the project root.</summary>
    public string RelativePath => $"{Cauce.Core.Workspace.ProjectLayout.Figures}/{FileName}";
}
