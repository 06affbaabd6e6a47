package io.pitwall.server.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's DataSource in tests, wrapped to log every statement it executes (its SQL, once per
 * execute/executeQuery/executeUpdate/executeBatch) and every COMMIT and ROLLBACK, in order. Tests clear
 * it, make a request, and assert what the request cost the database.
 */
public final class StatementLog extends DelegatingDataSource implements AutoCloseable {

    private static final Set<String> EXECUTIONS = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private final Queue<String> entries = new ConcurrentLinkedQueue<>();

    StatementLog(DataSource target) {
        super(target);
    }

    /** Finds the log behind the application's DataSource. */
    public static StatementLog of(DataSource dataSource) {
        try {
            return dataSource.unwrap(StatementLog.class);
        } catch (SQLException e) {
            throw new IllegalStateException("the test DataSource is not wrapped by StatementLog", e);
        }
    }

    public void clear() {
        entries.clear();
    }

    /** SQL of each execution (whitespace collapsed), {@code COMMIT} and {@code ROLLBACK}, in order. */
    public List<String> entries() {
        return List.copyOf(entries);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(super.getConnection(username, password));
    }

    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private Connection wrap(Connection connection) {
        return proxy(Connection.class, connection, (method, args, result) -> {
            switch (method.getName()) {
                case "commit" -> entries.add("COMMIT");
                case "rollback" -> entries.add("ROLLBACK");
                case "prepareStatement" -> {
                    return proxy(PreparedStatement.class, (Statement) result, executions((String) args[0]));
                }
                case "prepareCall" -> {
                    return proxy(CallableStatement.class, (Statement) result, executions((String) args[0]));
                }
                case "createStatement" -> {
                    return proxy(Statement.class, (Statement) result, executions(null));
                }
                default -> {}
            }
            return result;
        });
    }

    private After executions(String preparedSql) {
        return (method, args, result) -> {
            if (EXECUTIONS.contains(method.getName())) {
                String sql =
                        preparedSql != null ? preparedSql : args != null && args.length > 0 ? (String) args[0] : "?";
                entries.add(sql.replaceAll("\\s+", " ").trim());
            }
            return result;
        };
    }

    /** Runs after the real call; returns what the caller gets. */
    private interface After {
        Object apply(Method method, Object[] args, Object result) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, After after) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, args, result);
        };
        return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
