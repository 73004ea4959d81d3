// The hello-world handler both servers run in the HTTP-trigger benchmark (docs/benchmarks.md).
exports.handler = async (event) => ({
  statusCode: 200,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ hello: "world" }),
});
