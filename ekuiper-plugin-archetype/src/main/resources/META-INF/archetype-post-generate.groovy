// The archetype's resources lose their file modes, and a resource named .gitignore would
// not survive packaging: restore both in the generated project.
def project = new File(request.outputDirectory, request.artifactId)
new File(project, "mvnw").setExecutable(true, false)
new File(project, "gitignore").renameTo(new File(project, ".gitignore"))
