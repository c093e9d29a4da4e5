package io.github.vippscallback.build;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a published module as a sorted text listing, in the style of Kotlin's
 * binary-compatibility-validator: every public type, and each of its public and protected constructors,
 * methods and fields (with generic signatures, annotation defaults and checked exceptions). Each published
 * module commits its listing as {@code api/<artifactId>.api}; the build (root pom.xml, execution
 * {@code api-listing}) fails when the compiled classes differ from it, so no change to the API goes unseen.
 *
 * <p>Usage, with the module's compile class path: {@code java -cp <classpath> ApiListing.java <classes
 * directory> <listing file> <update: true|false> <module name>}. Update every listing with
 * {@value #UPDATE_COMMAND}.
 */
public final class ApiListing {

  /** The one command that rewrites every published module's listing from its classes. */
  static final String UPDATE_COMMAND = "./mvnw -B -Papi-dump -DskipTests verify";

  private ApiListing() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: ApiListing <classes directory> <listing file> <update> <module>");
    }
    Path classes = Path.of(args[0]);
    Path listingFile = Path.of(args[1]);
    boolean update = Boolean.parseBoolean(args[2]);
    String module = args[3];
    String actual = listing(classes, ApiListing.class.getClassLoader());
    if (update) {
      Files.createDirectories(listingFile.toAbsolutePath().getParent());
      Files.writeString(listingFile, actual, StandardCharsets.UTF_8);
      System.out.println("API listing of " + module + " written to " + listingFile);
      return;
    }
    Optional<String> failure = check(module, listingFile, actual);
    if (failure.isPresent()) {
      System.err.println(failure.get());
      System.exit(1);
    }
    System.out.println("API of " + module + " matches " + listingFile);
  }

  /**
   * Compares a module's API with its committed listing.
   *
   * @return empty when they are equal, else a message saying what differs and how to update the listing
   */
  static Optional<String> check(String module, Path listingFile, String actual) throws IOException {
    String expected = Files.exists(listingFile) ? Files.readString(listingFile, StandardCharsets.UTF_8) : "";
    if (expected.equals(actual)) {
      return Optional.empty();
    }
    List<String> expectedEntries = entries(expected);
    List<String> actualEntries = entries(actual);
    Set<String> expectedSet = new LinkedHashSet<>(expectedEntries);
    Set<String> actualSet = new LinkedHashSet<>(actualEntries);
    StringBuilder message = new StringBuilder()
        .append("The public API of ").append(module).append(" differs from its listing ").append(listingFile)
        .append(Files.exists(listingFile) ? "" : " (missing)").append(":\n");
    for (String entry : expectedEntries) {
      if (!actualSet.contains(entry)) {
        message.append("  - ").append(entry).append('\n');
      }
    }
    for (String entry : actualEntries) {
      if (!expectedSet.contains(entry)) {
        message.append("  + ").append(entry).append('\n');
      }
    }
    message.append("(- listed but gone or changed, + new or changed). A removed or changed member breaks users'"
        + " code: keep it, deprecated, until the next major version. If the change is intended, update the"
        + " listing with\n    ").append(UPDATE_COMMAND)
        .append("\nand commit api/").append(module).append(".api with the change.");
    return Optional.of(message.toString());
  }

  /** Each type header, and each member prefixed with its type's name, e.g. {@code demo.Greeter: public Greeter()}. */
  private static List<String> entries(String listing) {
    List<String> entries = new ArrayList<>();
    String type = "";
    for (String line : listing.lines().toList()) {
      if (line.endsWith(" {")) {
        String header = line.substring(0, line.length() - 2);
        entries.add(header);
        List<String> words = List.of(header.split(" "));
        for (int i = 0; i < words.size() - 1; i++) {
          if (Set.of("class", "interface", "enum", "record", "@interface").contains(words.get(i))) {
            type = words.get(i + 1).replaceAll("<.*", "");
            break;
          }
        }
      } else if (line.startsWith("\t")) {
        entries.add(type + ": " + line.strip());
      }
    }
    return entries;
  }

  /**
   * The listing of the public API of the classes under {@code classes}, loaded (not initialized) by
   * {@code loader}.
   */
  static String listing(Path classes, ClassLoader loader) throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names = files
          .filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f).toString())
          .filter(n -> !n.endsWith("module-info.class") && !n.endsWith("package-info.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
          .sorted()
          .toList();
    }
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load " + name + " to list its API: " + e, e);
      }
      if (isPublicApi(type)) {
        appendType(out, type);
      }
    }
    return out.toString();
  }

  private static boolean isPublicApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int modifiers = t.getModifiers();
      boolean visible = Modifier.isPublic(modifiers)
          || (t != type.getDeclaringClass() && t.getDeclaringClass() != null && Modifier.isProtected(modifiers));
      if (!visible) {
        return false;
      }
    }
    return true;
  }

  private static void appendType(StringBuilder out, Class<?> type) {
    out.append(typeHeader(type)).append(" {\n");
    Set<String> members = new TreeSet<>();
    for (Field field : type.getDeclaredFields()) {
      if (visible(field.getModifiers()) && !field.isSynthetic()) {
        members.add(modifiers(field.getModifiers() & Modifier.fieldModifiers()) + field.getGenericType().getTypeName()
            + " " + field.getName());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
        members.add(executable(constructor, "", type.getSimpleName()));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
        String line = executable(method, method.getGenericReturnType().getTypeName() + " ", method.getName());
        Object defaultValue = method.getDefaultValue();
        members.add(defaultValue == null ? line : line + " default " + show(defaultValue));
      }
    }
    for (String member : members) {
      out.append("\t").append(member).append('\n');
    }
    out.append("}\n\n");
  }

  private static String typeHeader(Class<?> type) {
    int modifiers = type.getModifiers() & Modifier.classModifiers();
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
      modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isInterface()) {
      kind = "interface";
      modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isEnum()) {
      kind = "enum";
      modifiers &= ~(Modifier.FINAL | Modifier.ABSTRACT);
    } else if (type.isRecord()) {
      kind = "record";
      modifiers &= ~Modifier.FINAL;
    } else {
      kind = "class";
    }
    StringBuilder header = new StringBuilder(modifiers(modifiers)).append(kind).append(' ').append(type.getName())
        .append(typeParameters(type.getTypeParameters()));
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      header.append(" extends ").append(superclass.getTypeName());
    }
    List<String> interfaces = Arrays.stream(type.getGenericInterfaces())
        .map(Type::getTypeName)
        .filter(n -> !(type.isAnnotation() && n.equals("java.lang.annotation.Annotation")))
        .toList();
    if (!interfaces.isEmpty()) {
      header.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
    }
    return header.toString();
  }

  private static String executable(Executable executable, String returnType, String name) {
    int modifiers = executable.getModifiers()
        & (executable instanceof Method ? Modifier.methodModifiers() : Modifier.constructorModifiers());
    modifiers &= ~(Modifier.SYNCHRONIZED | Modifier.NATIVE | Modifier.STRICT);
    String prefix = modifiers(modifiers)
        + (executable instanceof Method method && method.isDefault() ? "default " : "");
    String typeParameters = typeParameters(executable.getTypeParameters());
    Type[] parameters = executable.getGenericParameterTypes();
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < parameters.length; i++) {
      String typeName = parameters[i].getTypeName();
      if (executable.isVarArgs() && i == parameters.length - 1 && typeName.endsWith("[]")) {
        typeName = typeName.substring(0, typeName.length() - 2) + "...";
      }
      shown.add(typeName);
    }
    String exceptions = Arrays.stream(executable.getGenericExceptionTypes())
        .map(Type::getTypeName)
        .sorted()
        .collect(Collectors.joining(", "));
    return prefix + (typeParameters.isEmpty() ? "" : typeParameters + " ") + returnType + name
        + "(" + String.join(", ", shown) + ")" + (exceptions.isEmpty() ? "" : " throws " + exceptions);
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables)
        .map(v -> {
          List<String> bounds = Arrays.stream(v.getBounds())
              .filter(b -> b != Object.class)
              .map(Type::getTypeName)
              .toList();
          return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
        })
        .collect(Collectors.joining(", ", "<", ">"));
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String modifiers(int modifiers) {
    String text = Modifier.toString(modifiers);
    return text.isEmpty() ? "" : text + " ";
  }

  private static String show(Object value) {
    if (value instanceof Object[] array) {
      return Arrays.stream(array).map(ApiListing::show).collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof String text) {
      return '"' + text + '"';
    }
    if (value instanceof Class<?> type) {
      return type.getName() + ".class";
    }
    if (value.getClass().isArray()) {
      return value.getClass().getComponentType().getName() + "[]";
    }
    return String.valueOf(value);
  }
}
