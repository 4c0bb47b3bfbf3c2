package co.expediente.ogc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Recent MapServer answers, keyed by request within one data version. Annual data changes rarely,
 * so repeat tiles, legends and capabilities are answered from memory until the next publication,
 * which empties the cache. Bounded in bytes (least recently used out first).
 */
@Component
public class OgcResponseCache {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_ENTRY_BYTES = 1024 * 1024;

    public record Entry(byte[] body, String contentType) {}

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    public synchronized Entry get(String key) {
        return entries.get(key);
    }

    public synchronized void put(String key, Entry entry) {
        if (entry.body().length > MAX_ENTRY_BYTES) {
            return;
        }
        Entry old = entries.put(key, entry);
        bytes += entry.body().length - (old == null ? 0 : old.body().length);
        var it = entries.entrySet().iterator();
        while (bytes > MAX_BYTES && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            bytes -= eldest.getValue().body().length;
            it.remove();
        }
    }

    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    public synchronized int size() {
        return entries.size();
    }
}
