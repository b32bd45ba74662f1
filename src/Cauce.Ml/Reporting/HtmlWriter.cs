using System.Net;
using System.Text;
using Cauce.Core.IO;

namespace Cauce.Ml.Reporting;

/// <summary>
/// A report as one self-contained HTML file: inline CSS, every figure embedded as a base64 PNG, no script, font
/// or link to anything outside, so it opens offline and can be mailed as it is.
/// </summary>
public static class HtmlWriter
{
    private const string Style = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f4f5f7; color: #1d1d1f; font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1080px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
        h1 { font-size: 28px; margin: 8px 0 4px; }
        h2 { font-size: 22px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #1f77b4; }
        h3 { font-size: 17px; margin: 28px 0 8px; }
        nav { margin: 12px 0 8px; font-size: 14px; }
        nav a { margin-right: 14px; color: #1f77b4; text-decoration: none; }
        code { font: 13px "DejaVu Sans Mono", Consolas, monospace; background: #eef1f5; padding: 1px 4px; border-radius: 3px; white-space: pre; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
        th, td { border: 1px solid #d9dde3; padding: 4px 8px; vertical-align: top; }
        th { background: #eef1f5; text-align: left; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .wide { overflow-x: auto; }
        #data-quality ul { padding-left: 0; list-style: none; }
        #data-quality li { margin: 6px 0; padding: 6px 10px; background: #fff8e6; border-left: 4px solid #ff7f0e; }
        figure { margin: 12px 0 24px; }
        figure img { max-width: 100%; height: auto; border: 1px solid #e3e6ea; }
        figcaption { color: #555; font-size: 13px; margin-top: 4px; }
        """;

    public static void Write(ReportDocument document, Stream output)
    {
        var blocks = document.Blocks;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(document.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n");
        var sectionOpen = false;
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading { Level: 1 } h:
                    html.Append("<h1>").Append(Inline(h.Text)).Append("</h1>\n");
                    html.Append("<nav>");
                    foreach (var section in blocks.OfType<Heading>().Where(x => x.Level == 2))
                        html.Append("<a href=\"#").Append(section.Anchor).Append("\">").Append(Inline(section.Text)).Append("</a>");
                    html.Append("</nav>\n");
                    break;
                case Heading { Level: 2 } h:
                    if (sectionOpen)
                        html.Append("</section>\n");
                    html.Append("<section id=\"").Append(h.Anchor).Append("\">\n<h2>").Append(Inline(h.Text)).Append("</h2>\n");
                    sectionOpen = true;
                    break;
                case Heading h:
                    html.Append("<h").Append(h.Level).Append(" id=\"").Append(h.Anchor).Append("\">").Append(Inline(h.Text)).Append("</h").Append(h.Level).Append(">\n");
                    break;
                case Paragraph p:
                    html.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                    break;
                case BulletList list:
                    html.Append("<ul>\n");
                    foreach (var item in list.Items)
                        html.Append("<li>").Append(Inline(item)).Append("</li>\n");
                    html.Append("</ul>\n");
                    break;
                case TableBlock t:
                    WriteTable(html, t);
                    break;
                case FigureBlock f:
                    html.Append("<figure><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(f.Figure.Png))
                        .Append("\" alt=\"").Append(Encode(f.Figure.Title)).Append("\" width=\"").Append(f.Figure.Width)
                        .Append("\" height=\"").Append(f.Figure.Height).Append("\">")
                        .Append("<figcaption>").Append(Inline(f.Figure.Caption)).Append(" <code>").Append(Encode(f.Figure.FileName)).Append("</code></figcaption></figure>\n");
                    break;
            }
        }

        if (sectionOpen)
            html.Append("</section>\n");
        html.Append("</main>\n</body>\n</html>\n");
        output.Write(AtomicFile.Utf8NoBom.GetBytes(html.ToString()));
    }

    private static void WriteTable(StringBuilder html, TableBlock t)
    {
        html.Append("<div class=\"wide\"><table>\n<thead><tr>");
        for (var i = 0; i < t.Header.Count; i++)
            html.Append(t.IsRight(i) ? "<th class=\"num\">" : "<th>").Append(Inline(t.Header[i])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                html.Append(t.IsRight(i) ? "<td class=\"num\">" : "<td>").Append(Inline(row[i])).Append("</td>");
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    /// <summary>The report's inline Markdown as HTML: <c>`code`</c> and <c>**bold**</c>; everything else escaped.</summary>
    internal static string Inline(string text)
    {
        var html = new StringBuilder(text.Length + 16);
        var i = 0;
        var bold = false;
        while (i < text.Length)
        {
            if (text[i] == '`')
            {
                var end = text.IndexOf('`', i + 1);
                if (end > i)
                {
                    html.Append("<code>").Append(Encode(text[(i + 1)..end])).Append("</code>");
                    i = end + 1;
                    continue;
                }
            }

            if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                html.Append(bold ? "</strong>" : "<strong>");
                bold = !bold;
                i += 2;
                continue;
            }

            var next = text.IndexOfAny(['`', '*'], i + 1);
            if (next < 0)
                next = text.Length;
            html.Append(Encode(text[i..next]));
            i = next;
        }

        if (bold)
            html.Append("</strong>");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
