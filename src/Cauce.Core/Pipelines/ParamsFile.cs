using Cauce.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cauce.Core.Pipelines;

/// <summary>
/// <c>params.yaml</c> at the project root: the parameters every step reads and <c>dvc repro</c> tracks. Loaded with
/// positions, so any problem in it is reported with its line, column and dotted key.
/// </summary>
public sealed class ParamsFile
{
    public const string FileName = "params.yaml";

    private ParamsFile(string path, YamlNode root, ConfigErrors errors)
    {
        FullPath = path;
        Root = new ConfigNode(FileName, "", root, errors);
    }

    public string FullPath { get; }

    /// <summary>The top-level mapping; its getters collect problems into <see cref="Errors"/>.</summary>
    public ConfigNode Root { get; }

    public ConfigErrors Errors => Root.Errors;

    /// <summary>Reads <c>params.yaml</c> in <paramref name="projectRoot"/>; a missing file reads as empty.</summary>
    public static ParamsFile Load(string projectRoot)
    {
        var path = Path.Combine(projectRoot, FileName);
        var errors = new ConfigErrors();
        if (!File.Exists(path))
            return new ParamsFile(path, new YamlMappingNode(), errors);
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            var root = stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode;
            var file = new ParamsFile(path, root, errors);
            if (root is not YamlMappingNode && !(root is YamlScalarNode { Value: null or "" }))
            {
                file.Root.Problem("the file must be a mapping of keys to values");
                errors.ThrowIfAny("see docs/params.md for the layout of params.yaml");
            }

            return root is YamlMappingNode ? file : new ParamsFile(path, new YamlMappingNode(), errors);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports a '[' or '{' left open across lines this way rather than as a YamlException.
            throw DataFileException.In(FileName, $"is not valid YAML: {e.Message}", "check that every '[' and '{' is closed on its own line");
        }
        catch (YamlException e)
        {
            throw DataFileException.AtLine(FileName, e.Start.Line, $"is not valid YAML (column {e.Start.Column}): {e.InnerException?.Message ?? e.Message}",
                "check the indentation (spaces, not tabs) and that every 'key: value' has a space after the colon");
        }
    }
}
