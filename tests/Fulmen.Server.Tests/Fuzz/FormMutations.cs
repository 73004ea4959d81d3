namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Mutations of a query-protocol form: keys removed, repeated, re-indexed or multiplied, values made hostile, raw escapes.</summary>
internal static class FormMutations
{
    private const string RawMarker = "__fuzz_raw__";

    public static string Apply(List<KeyValuePair<string, string>> form, Random random)
    {
        if (form.Count == 0)
        {
            form.Add(new("Action", HostileValues.String(random)));
            return "only a hostile Action";
        }
        var at = random.Next(form.Count);
        var (key, value) = form[at];
        switch (random.Next(9))
        {
            case 0:
                form.RemoveAt(at);
                return $"{key} removed";
            case 1:
            case 2:
                form[at] = new(key, HostileValues.String(random));
                return $"{key} = \"{FuzzRequest.Shorten(form[at].Value, 60)}\"";
            case 3:
                string[] indexes = ["0", "-1", "999999999", "99999999999999999999", "x", "", "1.5", "01", " 1"];
                var member = System.Text.RegularExpressions.Regex.Replace(key, @"\.member\.\d+", $".member.{indexes[random.Next(indexes.Length)]}");
                form[at] = new(member == key ? key + ".member.1" : member, value);
                return $"{key} re-indexed as {form[at].Key}";
            case 4:
                form.Insert(at, new(key, random.Next(2) == 0 ? value : HostileValues.String(random)));
                return $"{key} twice";
            case 5:
                var count = random.Next(2) == 0 ? 1_100 : 200;
                for (var i = 0; i < count; i++)
                {
                    form.Add(new($"Tags.member.{i + 2}.Key", $"k{i}"));
                }
                return $"{count} more keys";
            case 6:
                form.Add(new(HostileValues.String(random), HostileValues.String(random)));
                return "a hostile key";
            case 7:
                form[at] = new(key, RawMarker);
                return $"{key} with a raw invalid escape";
            default:
                form.RemoveAll(p => p.Key == "Action");
                var action = random.Next(2) == 0 ? HostileValues.String(random) : "DescribeAccountLimits";
                form.Add(new("Action", action));
                return $"Action {FuzzRequest.Shorten(action, 40)}";
        }
    }

    /// <summary>Form encoding, with the raw marker written unencoded as a broken escape.</summary>
    public static string Encode(List<KeyValuePair<string, string>> form) =>
        PercentEncoding.Form(form).Replace(RawMarker, "%zz%4%", StringComparison.Ordinal);
}
