using Cauce.Ml.Data.Validation;
using Cauce.Ml.Tests.Data.Csv;

namespace Cauce.Ml.Tests.Data.Preparation;

/// <summary>validate → prepare → split on the public datasets of ../shared/datasets, copied into a temp project as raw files.</summary>
public sealed class RealDatasetTests
{
    private const string TelcoParams = """
        seed: 42
        datasets:
          telco:
            date: '20190930'
            target: Churn
            id: [customerID]
            columns:
              TotalCharges: {type: number}
        """;

    private const string BikeParams = """
        seed: 42
        datasets:
          bicis:
            date: '20131220'
            target: cnt
            task: regression
            drop: [instant, casual, registered]
        """;

    private static string[] Column((string[] Header, List<string[]> Rows) file, string name)
    {
        var index = Array.IndexOf(file.Header, name);
        Assert.True(index >= 0, $"no column '{name}'");
        return [.. file.Rows.Select(r => r[index])];
    }

    [SharedDataFact]
    public void Telco_validates_prepares_with_total_charges_imputed_and_splits_keeping_the_churn_share()
    {
        using var project = DataProject.WithParams(TelcoParams);
        Directory.CreateDirectory(project.Folder.Path("data/raw"));
        File.Copy(Requirements.SharedDataset("telco-customer-churn/Telco-Customer-Churn.csv"), project.Folder.Path("data/raw/telco_raw_20190930.csv"));

        var report = project.Validate("telco");
        Assert.True(report.Passed, string.Join("\n", report.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message)));
        Assert.Equal(7_043, report.Rows);

        var log = project.Prepare("telco");
        var processed = CsvFiles.ReadPlain(project.Processed("telco"));
        Assert.Equal(7_043, log.Processed.Rows);
        Assert.DoesNotContain("customerID", processed.Header);
        Assert.DoesNotContain("", Column(processed, "TotalCharges"));
        Assert.Equal(11, Assert.Single(log.Imputed, i => i.Column == "TotalCharges").Filled);
        Assert.Equal(11, Assert.Single(log.Cleaning, c => c.Column == "TotalCharges").Missing);
        Assert.Equal("binary", log.Task);

        var split = project.Split("telco");
        Assert.Equal("stratified", split.Method);
        Assert.Equal(1_409, split.Test.Rows);
        Assert.Equal(5_634, split.Train.Rows);
        var overall = 1_869.0 / 7_043;
        foreach (var side in new[] { split.Train, split.Test })
        {
            var churn = Column(CsvFiles.ReadPlain(project.Folder.Path(side.Path)), "Churn");
            Assert.Equal(side.Rows, churn.Length);
            var share = (double)churn.Count(c => c == "true") / churn.Length;
            Assert.InRange(share, overall - 0.005, overall + 0.005);
        }
    }

    [SharedDataFact]
    public void Bike_sharing_with_crlf_prepares_without_its_leaky_columns()
    {
        using var project = DataProject.WithParams(BikeParams);
        Directory.CreateDirectory(project.Folder.Path("data/raw"));
        File.Copy(Requirements.SharedDataset("bike-sharing/hour.csv"), project.Folder.Path("data/raw/bicis_raw_20131220.csv"));

        var report = project.Validate("bicis");
        Assert.True(report.Passed, string.Join("\n", report.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message)));

        var log = project.Prepare("bicis");
        var processed = CsvFiles.ReadPlain(project.Processed("bicis"));

        Assert.Equal(17_379, log.Raw.Rows);
        Assert.Equal(17_379, log.Processed.Rows);
        Assert.Equal(17_379, processed.Rows.Count);
        Assert.DoesNotContain("casual", processed.Header);
        Assert.DoesNotContain("registered", processed.Header);
        Assert.DoesNotContain("instant", processed.Header);
        Assert.Contains("cnt", processed.Header);
        Assert.Equal("regression", log.Task);
        Assert.Equal("date", Assert.Single(log.Cleaning, c => c.Column == "dteday").Type);

        var split = project.Split("bicis");
        Assert.Equal("random", split.Method);
        Assert.Equal(3_476, split.Test.Rows);
    }
}
