using System.Text;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Core.IO;
using Cauce.Core.Workspace;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cauce.Ml.Modeling;

/// <summary>
/// Which model version of each dataset plays which role — <c>production</c>, <c>staging</c> — recorded in the
/// tracked file <c>models/aliases.yaml</c>, so a promotion is a commit like any other and the served model can
/// be traced through the card to the data it was trained on.
/// </summary>
public sealed class ModelRegistry(string projectRoot)
{
    public static readonly string[] KnownAliases = ["production", "staging"];

    public string Path { get; } = System.IO.Path.Combine(projectRoot, ProjectLayout.ModelAliases);

    /// <summary>dataset → alias → model stem.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Aliases() => Read();

    /// <summary>The aliases a model holds.</summary>
    public IReadOnlyList<string> AliasesOf(ModelFileName model) =>
        Read().TryGetValue(model.Dataset, out var aliases) ? [.. aliases.Where(a => a.Value == model.Stem).Select(a => a.Key).Order(StringComparer.Ordinal)] : [];

    /// <summary>The model holding <paramref name="alias"/>; with no dataset, the alias must be held in exactly one.</summary>
    public ModelFileName Find(string alias, string? dataset)
    {
        var holders = Read().Where(d => dataset is null || d.Key == dataset)
            .SelectMany(d => d.Value.Where(a => a.Key == alias).Select(a => a.Value)).ToList();
        return holders.Count switch
        {
            1 => ModelFileName.Parse(holders[0] + ".zip"),
            0 => throw new CauceException(
                $"no model is {alias}{(dataset is null ? "" : $" for {dataset}")} ({ProjectLayout.ModelAliases})",
                $"promote one first: cauce models promote <model> --alias {alias}"),
            _ => throw CauceException.Usage($"several datasets have a {alias} model: {string.Join(", ", holders)}", "say which with --dataset NAME"),
        };
    }

    /// <summary>Gives <paramref name="alias"/> to <paramref name="model"/> (taking it from whichever version of the dataset held it); returns that one.</summary>
    public string? Promote(ModelFileName model, string alias)
    {
        if (NameParts.FieldProblem(alias, "the alias") is { } problem)
            throw CauceException.Usage(problem, $"use {string.Join(" or ", KnownAliases)}");
        var all = Read().ToDictionary(d => d.Key, d => d.Value.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        if (!all.TryGetValue(model.Dataset, out var aliases))
            all[model.Dataset] = aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        aliases.TryGetValue(alias, out var previous);
        aliases[alias] = model.Stem;
        Write(all);
        return previous == model.Stem ? null : previous;
    }

    private Dictionary<string, IReadOnlyDictionary<string, string>> Read()
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (!File.Exists(Path))
            return result;
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(Path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw DataFileException.AtLine(ProjectLayout.ModelAliases, e.Start.Line, $"is not valid YAML: {e.Message}", "it is written by 'cauce models promote'; restore it from git");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return result;
        foreach (var (datasetNode, aliasesNode) in root.Children)
        {
            var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
            if (aliasesNode is YamlMappingNode mapping)
            {
                foreach (var (alias, model) in mapping.Children)
                {
                    var stem = (model as YamlScalarNode)?.Value ?? "";
                    if (!ModelFileName.TryParse(stem + ".zip").IsValid)
                        throw DataFileException.AtLine(ProjectLayout.ModelAliases, model.Start.Line, $"'{stem}' is not a model name", "it is written by 'cauce models promote'; restore it from git");
                    aliases[((YamlScalarNode)alias).Value!] = stem;
                }
            }

            result[((YamlScalarNode)datasetNode).Value!] = aliases;
        }

        return result;
    }

    private void Write(Dictionary<string, Dictionary<string, string>> all)
    {
        var text = new StringBuilder("# Which model of each dataset is in production or staging. Written by 'cauce models promote'; tracked in git.\n");
        foreach (var (dataset, aliases) in all.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            text.Append(dataset).Append(":\n");
            foreach (var (alias, model) in aliases.OrderBy(a => a.Key, StringComparer.Ordinal))
                text.Append("  ").Append(alias).Append(": ").Append(model).Append('\n');
        }

        AtomicFile.WriteAllText(Path, text.ToString());
    }
}
