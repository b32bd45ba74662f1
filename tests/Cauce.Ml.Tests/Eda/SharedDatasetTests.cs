using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda;
using Cauce.Ml.Eda.Profiling;

namespace Cauce.Ml.Tests.Eda;

/// <summary>The profile of the real datasets beside the repository agrees with what their SOURCE.md says.</summary>
public sealed class SharedDatasetTests
{
    [SharedDataFact]
    public void Telco_total_charges_is_numeric_with_11_blanks_and_churn_is_26_5_percent()
    {
        var profile = EdaInputs.Profile(Requirements.SharedDataset("telco-customer-churn/Telco-Customer-Churn.csv"), new EdaOptions { Target = "Churn" }).Profile;

        var total = profile.Column("TotalCharges");
        Assert.Equal(ColumnType.Number, total.Type);
        Assert.Equal(11, total.Missing.Total);
        Assert.Equal(11, total.Missing.WhitespaceOnly);
        var yes = Assert.Single(profile.Target!.Classes, c => c.Label == "Yes");
        Assert.Equal(1869, yes.Count);
        Assert.Equal(0.265, yes.Share, 3);
        Assert.Equal("Yes", profile.Target.PositiveClass);
    }

    [SharedDataFact]
    public void Telco_has_no_exact_duplicates_but_22_once_the_customer_id_is_left_out()
    {
        var profile = EdaInputs.Profile(Requirements.SharedDataset("telco-customer-churn/Telco-Customer-Churn.csv")).Profile;

        Assert.Equal(0, profile.Duplicates.Exact);
        Assert.Equal(["customerID"], profile.Duplicates.IdentifierColumns);
        Assert.Equal(22, profile.Duplicates.IgnoringIdentifiers);
        Assert.Contains(profile.Findings, f => f.Kind == FindingKinds.FlagEncodings && f.Message.Contains("SeniorCitizen", StringComparison.Ordinal));
    }

    [SharedDataFact]
    public void Bike_sharing_flags_the_row_number_and_the_leaky_registered_count()
    {
        var profile = EdaInputs.Profile(Requirements.SharedDataset("bike-sharing/hour.csv"), new EdaOptions { Target = "cnt" }).Profile;

        Assert.True(profile.Column("instant").IdentifierLike);
        Assert.DoesNotContain("instant", profile.Correlations.Columns);
        Assert.Equal(ColumnType.Date, profile.Column("dteday").Type);
        Assert.Contains(profile.Findings, f => f.Kind == FindingKinds.Leakage && f.Column == "registered");
        Assert.Contains(profile.Target!.Related.Take(4), r => r.Feature == "hr" && r.Measure == "correlation_ratio");
    }
}
