using Cauce.Core.Conventions;

namespace Cauce.Core.Tests.Conventions;

public class NotebookFileNameTests
{
    [Theory]
    [InlineData("01_eda_jv.ipynb", 1, "eda", "jv")]
    [InlineData("02_preprocessing_cd.ipynb", 2, "preprocessing", "cd")]
    [InlineData("03_training_rf_mg.ipynb", 3, "training_rf", "mg")]
    [InlineData("00_setup_ab.ipynb", 0, "setup", "ab")]
    [InlineData("99_feature-importance_final_jv2.ipynb", 99, "feature-importance_final", "jv2")]
    public void Template_and_edge_names_are_valid(string name, int number, string topic, string author)
    {
        var parsed = NotebookFileName.Parse(name);

        Assert.Equal(number, parsed.Number);
        Assert.Equal(topic, string.Join('_', parsed.Topic));
        Assert.Equal(author, parsed.Author);
        Assert.Equal(name, parsed.FileName);
    }

    [Theory]
    [InlineData("1_eda_jv.ipynb", "not two digits")]
    [InlineData("001_eda_jv.ipynb", "not two digits")]
    [InlineData("ab_eda_jv.ipynb", "not two digits")]
    [InlineData("01_eda.ipynb", "expected at least 3 fields")]
    [InlineData("01_EDA_jv.ipynb", "upper-case")]
    [InlineData("01_eda_JV.ipynb", "(author)")]
    [InlineData("01_eda_jv.py", "the extension is '.py'")]
    [InlineData("01__jv.ipynb", "is empty")]
    public void Broken_names_say_why(string name, string reason)
    {
        var result = NotebookFileName.TryParse(name);

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }
}
