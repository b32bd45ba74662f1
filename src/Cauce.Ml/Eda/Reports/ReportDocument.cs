using Cauce.Ml.Eda.Figures;

namespace Cauce.Ml.Eda.Reports;

/// <summary>
/// The report as a sequence of blocks, composed once (<see cref="ReportComposer"/>) and written as Markdown or HTML.
/// Text in blocks is inline Markdown limited to code spans (<c>`x`</c>) and bold (<c>**x**</c>), which both writers know.
/// </summary>
internal abstract record Block;

internal sealed record Heading(int Level, string Text, string Anchor) : Block;

internal sealed record Paragraph(string Text) : Block;

internal sealed record BulletList(IReadOnlyList<string> Items) : Block;

internal sealed record Table(IReadOnlyList<string> Header, string Alignment, IReadOnlyList<IReadOnlyList<string>> Rows) : Block
{
    /// <summary>Whether column <paramref name="index"/> is right-aligned ('r' in <see cref="Alignment"/>; 'l' left).</summary>
    public bool IsRight(int index) => index < Alignment.Length && Alignment[index] == 'r';
}

internal sealed record FigureBlock(EdaFigure Figure) : Block;
