using System.Text.Json;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Core.IO;
using Cauce.Core.Workspace;
using Cauce.Ml.Reporting;

namespace Cauce.Ml.Modeling;

/// <summary>
/// The models of a project, in <c>models/</c>: each version a <c>&lt;algo&gt;_&lt;dataset&gt;_v&lt;N&gt;.zip</c> with its
/// card <c>.json</c>. A new version never overwrites an old one: the next N is the highest N + 1. A pinned version
/// (a pipeline's declared output) is written exactly, and only over a model trained the same way.
/// </summary>
public sealed class ModelStore(string projectRoot)
{
    public string Folder { get; } = Path.Combine(projectRoot, ProjectLayout.Models);

    public string Root { get; } = projectRoot;

    /// <summary>Every model version there is, by file name, in order of algorithm, dataset and version.</summary>
    public IReadOnlyList<ModelFileName> All()
    {
        if (!Directory.Exists(Folder))
            return [];
        return [.. Directory.EnumerateFiles(Folder, "*.zip")
            .Select(f => ModelFileName.TryParse(Path.GetFileName(f)).Value)
            .OfType<ModelFileName>()
            .OrderBy(m => m.Dataset, StringComparer.Ordinal).ThenBy(m => m.Algo, StringComparer.Ordinal).ThenBy(m => m.Version)];
    }

    public int NextVersion(string algo, string dataset) =>
        All().Where(m => m.Algo == algo && m.Dataset == dataset).Select(m => m.Version).DefaultIfEmpty(0).Max() + 1;

    public string PathOf(ModelFileName name) => Path.Combine(Root, name.RelativePath);

    /// <summary>
    /// The model named <paramref name="nameOrPath"/>: a stem (<c>rf_clientes_v1</c>), a file name, or a path to its
    /// <c>.zip</c>. The error says what is there when the model is not.
    /// </summary>
    public ModelFileName Resolve(string nameOrPath, string workingDirectory)
    {
        var fileName = Path.GetFileName(nameOrPath);
        if (!fileName.EndsWith(".zip", StringComparison.Ordinal))
            fileName += ".zip";
        var parsed = ModelFileName.TryParse(fileName);
        if (!parsed.IsValid)
            throw CauceException.Usage($"'{nameOrPath}' is not a model name: {parsed.Reason}", "name a model as <algo>_<dataset>_v<N>, e.g. rf_clientes_v1 ('cauce models list' shows them)");
        var name = parsed.Value!.As(ModelArtifact.Model);
        var given = Path.GetFullPath(nameOrPath.EndsWith(".zip", StringComparison.Ordinal) ? nameOrPath : nameOrPath + ".zip", workingDirectory);
        if (nameOrPath.Contains('/', StringComparison.Ordinal) && given != PathOf(name))
            throw CauceException.Usage($"'{nameOrPath}' is not in this project's models/ folder", "models are opened from models/ so their cards come with them");
        if (!File.Exists(PathOf(name)))
        {
            var known = All().Select(m => m.Stem).ToList();
            throw new CauceException($"there is no model {name.RelativePath}",
                known.Count == 0 ? "train one first: cauce train <dataset> --algo rf" : $"the models are: {string.Join(", ", known)}");
        }

        return name;
    }

    /// <summary>Loads a model with its card, ready to score; a file that is not a Cauce model is refused clearly.</summary>
    public (ModelCard Card, TrainedModel Model) Load(ModelFileName name)
    {
        var card = ReadCard(name);
        try
        {
            return (card, TrainedModel.Load(PathOf(name), card.Schema, card.Seed));
        }
        catch (Exception e) when (e is not CauceException && e is InvalidDataException or FormatException or InvalidOperationException or ArgumentException or IOException)
        {
            throw DataFileException.In(name.RelativePath, $"is not a model Cauce can load ({e.Message})", "train it again with 'cauce train': a model file is the zip cauce wrote (ML.NET's model, or for xgb, lgbm, lr and rf Cauce's feature encoding and the learner)");
        }
    }

    /// <summary>
    /// A pinned version may be written over only a model trained the same way (same data, seed and settings): a
    /// pipeline re-running. Anything else is refused, before any training starts.
    /// </summary>
    public void CheckPinned(ModelFileName name, string trainMd5, int seed, IReadOnlyDictionary<string, double> settings)
    {
        if (!File.Exists(PathOf(name)))
            return;
        var existing = ReadCard(name);
        if (existing.Train.Md5 != trainMd5 || existing.Seed != seed
            || !existing.Hyperparameters.OrderBy(h => h.Key, StringComparer.Ordinal).SequenceEqual(settings.OrderBy(h => h.Key, StringComparer.Ordinal)))
        {
            throw new CauceException(
                $"{name.RelativePath} exists and was trained on other data or settings (train md5 {existing.Train.Md5})",
                "params.yaml pins this version: raise it to write a new model, or remove the old one if it is no longer wanted");
        }
    }

    /// <summary>Reads a model's card; the error says which file and what is wrong with it.</summary>
    public ModelCard ReadCard(ModelFileName name)
    {
        var path = PathOf(name.As(ModelArtifact.Card));
        if (!File.Exists(path))
            throw DataFileException.In(name.As(ModelArtifact.Card).RelativePath, "does not exist: every model needs its card beside it", "train the model again with 'cauce train'");
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), ReportJson.Options)
                ?? throw DataFileException.In(name.As(ModelArtifact.Card).RelativePath, "is empty");
        }
        catch (JsonException e)
        {
            throw DataFileException.In(name.As(ModelArtifact.Card).RelativePath, $"is not a model card: {e.Message}", "it must be the JSON 'cauce train' wrote");
        }
    }

    /// <summary>
    /// Writes the model and its card. With <paramref name="pinned"/>, exactly that version: refused when a model of
    /// that name exists that was trained on other data or settings.
    /// </summary>
    public ModelFileName Write(TrainedModel model, Func<int, ModelCard> card, string algo, string dataset, int? pinned)
    {
        var version = pinned ?? NextVersion(algo, dataset);
        var name = new ModelFileName(algo, dataset, version);
        var written = card(version);
        if (pinned is not null)
            CheckPinned(name, written.Train.Md5, written.Seed, written.Hyperparameters);

        model.Save(PathOf(name));
        AtomicFile.WriteAllText(PathOf(name.As(ModelArtifact.Card)), ReportJson.Serialize(written));
        return name;
    }
}
