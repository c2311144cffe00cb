using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RecoveryCoach.Referrals.Tests.Safety;

/// <summary>
/// The xUnit tests of the solution, read from the source of its test projects: every method
/// marked <c>[Fact]</c> or <c>[Theory]</c>, by the name of the class that declares it. The source
/// is parsed, not loaded, so this project needs no reference to the others; and parsed, not
/// matched with a pattern, so a class named inside a string or a comment is never taken for one.
/// </summary>
internal sealed partial class TestCatalog
{
    private static readonly string[] TestAttributes = ["Fact", "Theory"];

    /// <summary>Each test, as <c>Class.Method</c>, with whether it is skipped.</summary>
    private readonly Dictionary<string, bool> tests = new(StringComparer.Ordinal);

    private TestCatalog()
    {
    }

    public int Count => tests.Count;

    /// <summary>The tests of every test project <c>RecoveryCoach.sln</c> lists under <c>tests/</c>.</summary>
    public static TestCatalog OfSolution(string repositoryRoot)
    {
        var solution = File.ReadAllText(Path.Combine(repositoryRoot, "RecoveryCoach.sln"));
        var folders = ProjectLine().Matches(solution)
            .Select(m => Path.GetDirectoryName(Path.Combine(repositoryRoot, m.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar)))!)
            .Where(folder => Path.GetRelativePath(repositoryRoot, folder).StartsWith("tests", StringComparison.Ordinal))
            .ToList();
        var files = folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !Path.GetRelativePath(repositoryRoot, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        return Of(files.Select(File.ReadAllText));
    }

    /// <summary>The tests declared in <paramref name="sources"/>, each the text of one C# file.</summary>
    public static TestCatalog Of(IEnumerable<string> sources)
    {
        var catalog = new TestCatalog();
        foreach (var source in sources)
        {
            var root = CSharpSyntaxTree.ParseText(source).GetRoot();
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var attribute = method.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(IsTest);
                if (attribute is not null && method.Parent is TypeDeclarationSyntax type)
                {
                    var skipped = attribute.ArgumentList?.Arguments.Any(a => a.NameEquals?.Name.Identifier.Text == "Skip") == true;
                    catalog.tests[$"{type.Identifier.Text}.{method.Identifier.Text}"] = skipped;
                }
            }
        }

        return catalog;
    }

    /// <summary>Whether <c>Class.Method</c> is a test; false for a method that is not one.</summary>
    public bool Has(string name) => tests.ContainsKey(name);

    public bool IsSkipped(string name) => tests.TryGetValue(name, out var skipped) && skipped;

    /// <summary><c>[Fact]</c>, <c>[Xunit.Theory]</c>, <c>[FactAttribute(Skip = "…")]</c> and the like.</summary>
    private static bool IsTest(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.Text,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.Text,
            SimpleNameSyntax simple => simple.Identifier.Text,
            _ => attribute.Name.ToString(),
        };
        var bare = name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
        return TestAttributes.Contains(bare, StringComparer.Ordinal);
    }

    /// <summary>A project line of a solution file: <c>Project("{…}") = "Name", "tests\Name\Name.csproj", "{…}"</c>.</summary>
    [GeneratedRegex("""^Project\("[^"]*"\) = "[^"]*", "(?<path>[^"]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
