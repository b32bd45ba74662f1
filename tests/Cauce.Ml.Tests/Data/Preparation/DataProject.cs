using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Preparation;
using Cauce.Ml.Data.Samples;
using Cauce.Ml.Data.Splitting;
using Cauce.Ml.Data.Validation;
using Cauce.Ml.Tests.Data.Config;
using Cauce.Ml.Tests.Data.Csv;

namespace Cauce.Ml.Tests.Data.Preparation;

/// <summary>A temporary project with a params.yaml and raw files, on which validate, prepare and split run as the commands run them.</summary>
public sealed class DataProject : IDisposable
{
    private DataProject(string paramsYaml)
    {
        Folder = new TempFolder().AsProject().Write("params.yaml", paramsYaml);
    }

    public TempFolder Folder { get; }

    public string Root => Folder.Root;

    /// <summary>A project whose params.yaml is a copy of the repository's own.</summary>
    public static DataProject WithRepositoryParams() => new(File.ReadAllText(RepositoryFiles.ParamsYaml));

    public static DataProject WithParams(string yaml) => new(yaml);

    /// <summary>Writes <c>cauce sample KIND --rows N --seed S</c> output to <paramref name="relative"/>.</summary>
    public byte[] WriteSample(string kind, long rows, ulong seed, string relative)
    {
        using var stream = new MemoryStream();
        SampleData.WriteAsync(kind, rows, seed, stream).GetAwaiter().GetResult();
        var bytes = stream.ToArray();
        WriteBytes(relative, bytes);
        return bytes;
    }

    public void WriteBytes(string relative, byte[] bytes)
    {
        var path = Folder.Path(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public DatasetConfig Config(string dataset) => DatasetCatalog.Load(Root).Get(dataset);

    public CsvInput OpenRaw(DatasetConfig config) => CsvInput.Open(Folder.Path(config.RawPath), config.RawPath);

    public PrepareTargets Targets(DatasetConfig config)
    {
        var interim = config.InterimName.RelativePath;
        var processed = config.ProcessedName.RelativePath;
        return new PrepareTargets(Folder.Path(interim), interim, Folder.Path(processed), processed);
    }

    public ValidationReport Validate(string dataset)
    {
        var config = Config(dataset);
        return DatasetValidator.Validate(OpenRaw(config), config);
    }

    /// <summary>Runs prepare the way <c>cauce prepare DATASET</c> does: the raw file opened and prepared in one go.</summary>
    public PrepareLog Prepare(string dataset)
    {
        var config = Config(dataset);
        return Preparer.Prepare(OpenRaw(config), config, Targets(config));
    }

    /// <summary>Splits the processed file the way <c>cauce split DATASET</c> does.</summary>
    public SplitReport Split(string dataset)
    {
        var config = Config(dataset);
        var processed = config.ProcessedName.RelativePath;
        var train = config.ProcessedName.AsSplit(Cauce.Core.Conventions.SplitPart.Train).RelativePath;
        var test = config.ProcessedName.AsSplit(Cauce.Core.Conventions.SplitPart.Test).RelativePath;
        var options = new SplitOptions(config.Name, config.Target!, config.Task, config.Split.TestSize, config.Split.Stratify, config.Split.TimeColumn, config.Split.Seed);
        return Splitter.Split(CsvInput.Open(Folder.Path(processed), processed), options, new SplitTargets(Folder.Path(train), train, Folder.Path(test), test));
    }

    public string Interim(string dataset) => Folder.Path(Config(dataset).InterimName.RelativePath);

    public string Processed(string dataset) => Folder.Path(Config(dataset).ProcessedName.RelativePath);

    /// <summary>Every file under data/interim and data/processed, hidden temporary files included.</summary>
    public string[] Outputs() =>
        [.. CsvFiles.FilesUnder(Folder.Path("data/interim")), .. CsvFiles.FilesUnder(Folder.Path("data/processed"))];

    public void Dispose() => Folder.Dispose();
}
