// The generated project's build wrote its plugin zip, and the zip holds what eKuiper installs.
import java.util.zip.ZipFile

def project = new File(basedir, "project/counter-plugin")
def zip = new File(project, "target/counter-plugin.zip")
assert zip.isFile() : "no plugin zip at ${zip}"
def entries = new ZipFile(zip).withCloseable { file -> file.entries().collect { it.name } as Set }
def expected = ["counter-plugin.json", "counter-plugin", "counter-plugin.jar", "install.sh",
		"sources/counter.yaml", "sources/counter.json", "sinks/jsonlines.json",
		"functions/scale.json", "functions/spread.json"]
def missing = expected.findAll { !entries.contains(it) }
assert missing.isEmpty() : "the plugin zip lacks ${missing}; it holds ${entries}"
def reports = new File(project, "target/surefire-reports")
def classes = ["PluginApplicationTests", "CounterSourceTests", "JsonLinesSinkTests", "FunctionsTests"]
def notRun = classes.findAll { name -> !reports.listFiles().any { it.name.startsWith("TEST-") && it.name.endsWith(".${name}.xml") } }
assert notRun.isEmpty() : "test classes not run: ${notRun}"
// The dev goal ran the project's own scenario against the embedded host.
def log = new File(project, "build.log")
assert log.isFile() : "no build log at ${log}"
def lines = log.readLines()
assert lines.any { it.startsWith('{"rule":"doubled","source":{"count":') } : "no record of rule 'doubled' printed"
assert lines.any { it.contains("summary: 6 record(s) printed, 0 error(s)") } : "no summary of 6 records"
assert new File(project, "mvnw").canExecute() : "mvnw is not executable"
assert new File(project, ".gitignore").isFile() : "no .gitignore"
return true
