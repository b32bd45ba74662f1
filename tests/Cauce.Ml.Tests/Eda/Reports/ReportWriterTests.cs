using System.Text;
using System.Text.Json;
using Cauce.Core.Conventions;
using Cauce.Ml.Eda;
using Cauce.Ml.Eda.Figures;
using Cauce.Ml.Eda.Reports;

namespace Cauce.Ml.Tests.Eda.Reports;

/// <summary>The three writers of one report: Markdown and HTML for people, JSON for tools.</summary>
public sealed class ReportWriterTests
{
    private static readonly Lazy<EdaReport> LazyReport = new(() =>
    {
        var naming = new EdaNaming("clientes", DataPhase.Raw, new DateOnly(2025, 9, 30));
        var options = new EdaOptions { Target = "abandono" };
        return new EdaReport(EdaInputs.Clientes.Profile, naming, FigureRenderer.Render(EdaInputs.Clientes, naming, options));
    });

    private static EdaReport Report => LazyReport.Value;

    private static string Write(IReportWriter writer)
    {
        using var stream = new MemoryStream();
        writer.Write(Report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Markdown_opens_with_the_data_quality_section_and_links_every_figure()
    {
        var md = Write(new MarkdownReportWriter());

        var sections = md.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal("## Data quality", sections[0]);
        Assert.Contains("## Target: `abandono`", sections);
        Assert.Contains("- `cargo_total`: ", md, StringComparison.Ordinal);
        Assert.Contains("exact copies of an earlier row", md, StringComparison.Ordinal);
        foreach (var figure in Report.Figures)
            Assert.Contains($"](figures/{figure.FileName})", md, StringComparison.Ordinal);
        Assert.EndsWith("\n", md, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_one_self_contained_file_with_every_figure_embedded()
    {
        var html = Write(new HtmlReportWriter());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"figures/", html, StringComparison.Ordinal);
        foreach (var figure in Report.Figures)
            Assert.Contains(Convert.ToBase64String(figure.Png), html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"data-quality\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_text_and_turns_code_spans_and_bold_into_tags()
    {
        Assert.Equal("<code>a&lt;b</code> &amp; <strong>x</strong>", Cauce.Ml.Reporting.HtmlWriter.Inline("`a<b` & **x**"));
    }

    [Fact]
    public void Json_holds_the_profile_in_snake_case_and_the_figures_by_name()
    {
        using var json = JsonDocument.Parse(Write(new JsonReportWriter()));
        var root = json.RootElement;

        Assert.Equal("clientes", root.GetProperty("dataset").GetString());
        Assert.Equal("raw", root.GetProperty("phase").GetString());
        Assert.Equal("20250930", root.GetProperty("date").GetString());
        var profile = root.GetProperty("profile");
        Assert.Equal(20_000, profile.GetProperty("rows").GetInt64());
        var cargo = profile.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "cargo_total");
        Assert.Equal("number", cargo.GetProperty("type").GetString());
        Assert.True(cargo.GetProperty("missing").GetProperty("whitespace_only").GetInt64() > 0);
        Assert.Equal(Report.Figures.Count, root.GetProperty("figures").GetArrayLength());
        Assert.False(root.GetProperty("figures")[0].TryGetProperty("png", out _));
    }

    [Fact]
    public void The_same_report_writes_the_same_bytes()
    {
        foreach (var writer in ExploratoryAnalysis.Writers)
            Assert.Equal(Write(writer), Write(writer));
    }
}
