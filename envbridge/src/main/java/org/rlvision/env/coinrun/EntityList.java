package org.rlvision.env.coinrun;

/**
 * An ordered, growable list of pooled {@link Entity} instances: removing keeps the order of the
 * rest (Procgen's {@code vector::erase}) and adding reuses a released instance, so a game in
 * steady state allocates nothing.
 */
final class EntityList {
    Entity[] items = new Entity[64];
    int size;

    /** Appends a pooled entity (fields not initialised) and returns it. */
    Entity add() {
        if (size == items.length) {
            items = java.util.Arrays.copyOf(items, size * 2);
        }
        Entity e = items[size];
        if (e == null) {
            e = new Entity();
            items[size] = e;
        }
        size++;
        return e;
    }

    Entity get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("entity " + i + " of " + size);
        }
        return items[i];
    }

    /** Removes entry {@code i}, shifting the rest down; the instance goes back to the pool. */
    void removeAt(int i) {
        Entity removed = items[i];
        System.arraycopy(items, i + 1, items, i, size - i - 1);
        size--;
        items[size] = removed;
    }

    void clear() {
        size = 0;
    }

    int indexOf(Entity e) {
        for (int i = 0; i < size; i++) {
            if (items[i] == e) {
                return i;
            }
        }
        return -1;
    }

    void copyFrom(EntityList other) {
        clear();
        for (int i = 0; i < other.size; i++) {
            add().copyFrom(other.items[i]);
        }
    }
}
