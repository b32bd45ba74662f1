using System.Text;
using Cauce.Core.IO;

namespace Cauce.Ml.Reporting;

/// <summary>A report as GitHub-flavoured Markdown; figures are linked from <c>figures/</c> beside it, not embedded.</summary>
public static class MarkdownWriter
{
    public static void Write(ReportDocument document, Stream output)
    {
        var md = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    md.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case Paragraph p:
                    md.Append(p.Text).Append("\n\n");
                    break;
                case BulletList list:
                    foreach (var item in list.Items)
                        md.Append("- ").Append(item).Append('\n');
                    md.Append('\n');
                    break;
                case TableBlock t:
                    md.Append("| ").AppendJoin(" | ", t.Header.Select(Cell)).Append(" |\n|");
                    for (var i = 0; i < t.Header.Count; i++)
                        md.Append(t.IsRight(i) ? "---:|" : "---|");
                    md.Append('\n');
                    foreach (var row in t.Rows)
                        md.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
                    md.Append('\n');
                    break;
                case FigureBlock f:
                    md.Append("![").Append(f.Figure.Title).Append("](figures/").Append(f.Figure.FileName).Append(")\n\n");
                    md.Append('*').Append(f.Figure.Caption).Append("*\n\n");
                    break;
            }
        }

        output.Write(AtomicFile.Utf8NoBom.GetBytes(md.ToString().TrimEnd('\n') + "\n"));
    }

    /// <summary>A table cell: a '|' would end the cell, even inside a code span, and a line break the row.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
