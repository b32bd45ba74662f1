using Cauce.Core.Conventions;

namespace Cauce.Core.Tests.Conventions;

public sealed class ConventionCheckerTests : IDisposable
{
    private readonly TempFolder _project = new TempFolder().AsProject();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void A_project_whose_names_all_follow_the_rules_is_clean()
    {
        _project
            .Write("data/raw/clientes_raw_20250930.csv")
            .Write("data/raw/ventas_raw_20250930.csv.dvc") // pulled data absent: its pointer stands for it
            .Write("data/raw/.gitignore")
            .Write("data/interim/clientes_interim_20250930.csv")
            .Write("data/processed/clientes-train_processed_20251002.csv")
            .Write("data/processed/clientes-test_processed_20251002.csv")
            .Write("notebooks/01_eda_jv.ipynb")
            .Write("notebooks/.ipynb_checkpoints/01_eda_jv-checkpoint.ipynb")
            .Write("reports/figures/distribucion_clientes_raw_20250930.png")
            .Write("reports/figures/tendencias_ventas_20251001.png")
            .Write("reports/eda_clientes.md") // reports/ itself has no naming rule
            .Write("models/rf_clientes_v1.zip")
            .Write("models/rf_clientes_v1.json")
            .Write("models/xgb_ventas_v3.zip")
            .Write("src/anything.cs");

        var report = ConventionChecker.Check(_project.Root);

        Assert.Empty(report.Violations);
        Assert.Equal(11, report.FilesChecked);
    }

    [Fact]
    public void Each_kind_of_bad_name_is_reported_exactly_once_with_its_rule()
    {
        _project
            .Write("data/raw/Clientes_RAW_2025-09-30.csv")
            .Write("data/raw/clientes_raw_20250230.csv")
            .Write("data/interim/clientes_raw_20250930.csv")
            .Write("data/raw/bad name.csv")
            .Write("data/raw/bad name.csv.dvc") // pointer beside its data: one file, one report
            .Write("data/raw/notas.txt")
            .Write("data/raw/sub/clientes_raw_20250930.csv")
            .Write("data/clientes_raw_20250930.csv")
            .Write("notebooks/1_EDA_jv.ipynb")
            .Write("notebooks/helpers.py")
            .Write("reports/figures/Distribucion_clientes_20250930.png")
            .Write("reports/figures/figure.svg")
            .Write("models/rf_clientes_v01.zip")
            .Write("models/rf_clientes_v0.zip")
            .Write("models/knn_clientes_v1.zip")
            .Write("models/rf_clientes_v1.pkl");

        var found = ConventionChecker.Check(_project.Root).Violations.ToDictionary(v => v.Path);

        Assert.Equal(16 - 1, found.Count); // the pointer beside its data is not a second file
        Assert.Equal(
            new Dictionary<string, (string Rule, string? Suggestion)>
            {
                ["data/raw/Clientes_RAW_2025-09-30.csv"] = (Rules.DatasetName, "data/raw/clientes_raw_20250930.csv"),
                ["data/raw/clientes_raw_20250230.csv"] = (Rules.DatasetName, null),
                ["data/interim/clientes_raw_20250930.csv"] = (Rules.DatasetFolder, "data/raw/clientes_raw_20250930.csv"),
                ["data/raw/bad name.csv"] = (Rules.DatasetName, null),
                ["data/raw/notas.txt"] = (Rules.UnexpectedFile, null),
                ["data/raw/sub/clientes_raw_20250930.csv"] = (Rules.UnexpectedFile, "data/raw/clientes_raw_20250930.csv"),
                ["data/clientes_raw_20250930.csv"] = (Rules.UnexpectedFile, "data/raw/clientes_raw_20250930.csv"),
                ["notebooks/1_EDA_jv.ipynb"] = (Rules.NotebookName, "notebooks/01_eda_jv.ipynb"),
                ["notebooks/helpers.py"] = (Rules.UnexpectedFile, null),
                ["reports/figures/Distribucion_clientes_20250930.png"] = (Rules.FigureName, "reports/figures/distribucion_clientes_20250930.png"),
                ["reports/figures/figure.svg"] = (Rules.UnexpectedFile, null),
                ["models/rf_clientes_v01.zip"] = (Rules.ModelName, "models/rf_clientes_v1.zip"),
                ["models/rf_clientes_v0.zip"] = (Rules.ModelName, null),
                ["models/knn_clientes_v1.zip"] = (Rules.ModelName, null),
                ["models/rf_clientes_v1.pkl"] = (Rules.UnexpectedFile, null),
            },
            found.ToDictionary(kv => kv.Key, kv => (kv.Value.Rule, kv.Value.Suggestion)));
    }

    [Fact]
    public void A_pointer_alone_is_judged_by_the_name_of_its_data()
    {
        _project.Write("data/raw/Ventas_raw_20250930.csv.dvc");

        var violation = Assert.Single(ConventionChecker.Check(_project.Root).Violations);

        Assert.Equal("data/raw/Ventas_raw_20250930.csv.dvc", violation.Path);
        Assert.Equal(Rules.DatasetName, violation.Rule);
    }

    [Fact]
    public void A_dvc_tracked_folder_is_one_entry_and_its_contents_are_not_names()
    {
        _project.Write("data/raw/fotos/IMG_001.JPG").Write("data/raw/fotos.dvc");

        var violation = Assert.Single(ConventionChecker.Check(_project.Root).Violations);

        Assert.Equal("data/raw/fotos.dvc", violation.Path);
        Assert.Equal(Rules.UnexpectedFile, violation.Rule);
    }

    [Fact]
    public void A_scope_limits_the_check_to_a_folder_or_file()
    {
        _project.Write("data/raw/BAD.csv").Write("models/BAD.zip");

        Assert.Equal(["models/BAD.zip"], ConventionChecker.Check(_project.Root, _project.Path("models")).Violations.Select(v => v.Path));
        Assert.Equal(["data/raw/BAD.csv"], ConventionChecker.Check(_project.Root, _project.Path("data/raw/BAD.csv")).Violations.Select(v => v.Path));
    }

    [Fact]
    public void Every_suggestion_is_itself_clean()
    {
        _project
            .Write("data/raw/Clientes_RAW_2025-09-30.csv")
            .Write("notebooks/3_Training RF_MG.ipynb")
            .Write("reports/figures/ROC_Clientes_Processed_2025-10-02.PNG")
            .Write("models/XGBoost_Ventas_V03.ZIP");
        var first = ConventionChecker.Check(_project.Root).Violations;
        Assert.Equal(4, first.Count);

        foreach (var violation in first)
            File.Move(_project.Path(violation.Path), _project.Path(Assert.IsType<string>(violation.Suggestion)));

        Assert.Empty(ConventionChecker.Check(_project.Root).Violations);
    }
}
