namespace Fulmen.Buckets.Model;

/// <summary>Who made a change, for its event record: the access key that signed the request (or <c>anonymous</c>) and the client's address.</summary>
public sealed record Requester(string PrincipalId, string SourceIp);
