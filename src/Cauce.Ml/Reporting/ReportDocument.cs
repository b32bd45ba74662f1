namespace Cauce.Ml.Reporting;

/// <summary>
/// A report as a title and a sequence of blocks, composed once and written as Markdown (<see cref="MarkdownWriter"/>)
/// or as one self-contained HTML file (<see cref="HtmlWriter"/>): the EDA report and the model comparison alike.
/// Text in blocks is inline Markdown limited to code spans (<c>`x`</c>) and bold (<c>**x**</c>), which both writers know.
/// </summary>
public sealed record ReportDocument(string Title, IReadOnlyList<Block> Blocks);

/// <summary>One part of a report.</summary>
public abstract record Block;

public sealed record Heading(int Level, string Text, string Anchor) : Block;

public sealed record Paragraph(string Text) : Block;

public sealed record BulletList(IReadOnlyList<string> Items) : Block;

public sealed record TableBlock(IReadOnlyList<string> Header, string Alignment, IReadOnlyList<IReadOnlyList<string>> Rows) : Block
{
    /// <summary>Whether column <paramref name="index"/> is right-aligned ('r' in <see cref="Alignment"/>; 'l' left).</summary>
    public bool IsRight(int index) => index < Alignment.Length && Alignment[index] == 'r';
}

public sealed record FigureBlock(ReportFigure Figure) : Block;
