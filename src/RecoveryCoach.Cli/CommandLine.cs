namespace RecoveryCoach.Cli;

/// <summary>The words after a verb: folders in order, and <c>--name value</c> options.</summary>
internal sealed record CommandLine(IReadOnlyList<string> Folders, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Splits arguments, or says what is wrong with them.</summary>
    /// <param name="allowed">The options this verb takes, each followed by its value.</param>
    public static (CommandLine? Line, string? Error) Parse(IEnumerable<string> args, params string[] allowed)
    {
        var folders = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        using var words = args.GetEnumerator();
        while (words.MoveNext())
        {
            var word = words.Current;
            if (!word.StartsWith("--", StringComparison.Ordinal))
            {
                folders.Add(word);
            }
            else if (!allowed.Contains(word))
            {
                return (null, allowed.Length == 0 ? $"{word} is not an option here" : $"{word} is not an option here; the options are {string.Join(", ", allowed)}");
            }
            else if (!words.MoveNext())
            {
                return (null, $"{word} needs a value");
            }
            else
            {
                options[word] = words.Current;
            }
        }

        return (new CommandLine(folders, options), null);
    }

    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;
}
