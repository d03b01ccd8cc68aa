// A stand-in for firebase-tools' Cloud Storage rules runtime (cloud-storage-rules-runtime-*.jar,
// a download this machine cannot make), built on the Firebase rules compiler and evaluator that
// ship inside the Firestore emulator (the Google Cloud SDK's cloud-firestore-emulator.jar, on the
// class path). It speaks the runtime's protocol on stdin/stdout, one JSON object a line:
//   {"id":-1,"status":"ok"}                        printed once, when ready
//   {"id":N,"action":"load_ruleset","context":{"rulesetName":..,"source":{"files":[{"name":..,"content":..}]}}}
//     → {"id":N,"status":"ok","errors":[..],"warnings":[..],"result":{"rulesVersion":2}}
//   {"id":N,"action":"verify","context":{"rulesetName":..,"service":"firebase.storage","path":"/b/…/o/…",
//     "method":"get|list|create|update|delete","variables":{"request":<ExpressionValue>,"resource":<ExpressionValue>}}}
//     → {"id":N,"status":"ok","errors":[..],"warnings":[],"result":{"permit":true|false}}
// Cross-service calls (firestore.get/exists in storage.rules) are not supported: Fengqiao's
// storage.rules use none. Built by scripts/lib/emulator-env.mjs (storageRulesRuntime).
import com.google.common.collect.ImmutableList;
import com.google.firebase.rules.lang.CompileResult;
import com.google.firebase.rules.lang.FirebaseRulesProtoCompiler;
import com.google.firebase.rules.runtime.common.EvaluationRestrictions;
import com.google.firebase.rules.runtime.common.EvaluationResult;
import com.google.firebase.rules.runtime.evaluators.AuthRuleEvaluator;
import com.google.firebase.rules.runtime.impl.DefaultEvaluator;
import com.google.firebase.rules.runtime.v1.ExpressionValue;
import com.google.firebase.rules.runtime.v1.RulesetAst;
import com.google.firebase.rules.v1.File;
import com.google.firebase.rules.v1.Issue;
import com.google.firebase.rules.v1.Source;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

public final class StorageRulesRuntime {
  private static final Map<String, RulesetAst> RULESETS = new ConcurrentHashMap<>();
  private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    // stdout is the protocol's alone; whatever the libraries print (the JDK's warnings about
    // protobuf's use of sun.misc.Unsafe, logging) goes to a log file, not to firebase-tools, which
    // reports every line on stderr as a rules runtime error.
    PrintStream log = new PrintStream(new java.io.FileOutputStream(new java.io.File(System.getProperty("java.io.tmpdir"), "fengqiao-storage-rules.log"), true), true, StandardCharsets.UTF_8);
    System.setOut(log);
    System.setErr(log);
    java.util.logging.LogManager.getLogManager().reset();
    JsonObject ready = new JsonObject();
    ready.addProperty("id", -1);
    ready.addProperty("status", "ok");
    OUT.println(ready);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      JsonObject req = JsonParser.parseString(line).getAsJsonObject();
      JsonObject res;
      try {
        res = handle(req);
      } catch (Throwable e) {
        res = new JsonObject();
        res.add("id", req.get("id"));
        res.addProperty("status", "ok");
        JsonArray errors = new JsonArray();
        errors.add(String.valueOf(e));
        res.add("errors", errors);
        res.add("warnings", new JsonArray());
      }
      OUT.println(res);
    }
  }

  private static JsonObject handle(JsonObject req) throws Exception {
    String action = req.get("action").getAsString();
    JsonObject ctx = req.getAsJsonObject("context");
    JsonObject res = new JsonObject();
    res.add("id", req.get("id"));
    res.addProperty("status", "ok");
    JsonArray errors = new JsonArray();
    JsonArray warnings = new JsonArray();
    res.add("errors", errors);
    res.add("warnings", warnings);
    JsonObject result = new JsonObject();
    res.add("result", result);
    if (action.equals("load_ruleset")) {
      Source.Builder source = Source.newBuilder();
      boolean v2 = false;
      for (JsonElement f : ctx.getAsJsonObject("source").getAsJsonArray("files")) {
        JsonObject o = f.getAsJsonObject();
        v2 |= o.get("content").getAsString().matches("(?s).*rules_version\\s*=\\s*['\"]2['\"].*");
        source.addFiles(File.newBuilder().setName(o.get("name").getAsString()).setContent(o.get("content").getAsString()));
      }
      CompileResult compiled = FirebaseRulesProtoCompiler.createStandalone().compile(source);
      for (Issue i : compiled.getIssues()) {
        String msg = i.getSourcePosition().getFileName() + ":" + i.getSourcePosition().getLine() + ":" + i.getSourcePosition().getColumn() + " " + i.getDescription();
        if (i.getSeverity() == Issue.Severity.ERROR) errors.add(msg);
        else warnings.add(msg);
      }
      if (!compiled.hasCompilationError()) RULESETS.put(ctx.get("rulesetName").getAsString(), compiled.getRulesetAst());
      // firebase-tools only checks the version for list requests (allowed from rules_version 2).
      result.addProperty("rulesVersion", v2 ? 2 : 1);
      return res;
    }
    if (action.equals("verify")) {
      RulesetAst ast = RULESETS.get(ctx.get("rulesetName").getAsString());
      if (ast == null) throw new IllegalStateException("no such ruleset " + ctx.get("rulesetName"));
      AuthRuleEvaluator.RuleContext.Builder rc = AuthRuleEvaluator.RuleContext.builder()
          .service(ctx.get("service").getAsString())
          .method(ctx.get("method").getAsString())
          .path(ctx.get("path").getAsString());
      for (Map.Entry<String, JsonElement> v : ctx.getAsJsonObject("variables").entrySet()) {
        ExpressionValue.Builder b = ExpressionValue.newBuilder();
        JsonFormat.parser().merge(v.getValue().toString(), b);
        rc.supplyVariable(v.getKey(), b.build());
      }
      EvaluationResult r = new DefaultEvaluator(ast, ImmutableList.of(), EvaluationRestrictions.builder().build())
          .evaluate(rc.build())
          .get(30, TimeUnit.SECONDS);
      result.addProperty("permit", r.permit());
      return res;
    }
    throw new IllegalArgumentException("unknown action " + action);
  }
}
